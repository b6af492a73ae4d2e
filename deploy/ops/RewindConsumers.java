import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * After a service's database was restored to time T: moves the service's consumer groups back to the first record
 * at or after T (minus a margin), so that every event the restored database has not seen is consumed again. The
 * inbox (inbox_event, restored with the rest) skips the events the database had already applied, so nothing is
 * applied twice. The service must be stopped (a group with members cannot be moved).
 *
 *   java -cp '.local/dist/kafka/lib/*' deploy/ops/RewindConsumers.java <bootstrap> <time ISO-8601> <group>...
 *   e.g. ... localhost:9092 2026-11-25T20:00:00Z employment-service employment-service-dlq
 *
 * Prints one line per partition: topic, partition, committed offset before, offset after. Partitions without a
 * record at or after T keep their offset. Waits up to 2 minutes for the group to have no members (a killed
 * process's member lingers until its session times out); exit code 2 when it still has some.
 */
public class RewindConsumers {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: RewindConsumers <bootstrap> <time ISO-8601> <group>...");
            System.exit(1);
        }
        long at = Instant.parse(args[1]).toEpochMilli();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        for (String key : new String[] {"security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                "ssl.truststore.password", "ssl.truststore.type"}) {
            String v = System.getenv("KAFKA_" + key.toUpperCase().replace('.', '_'));
            if (v != null) {
                p.put(key, v);
            }
        }
        try (Admin admin = Admin.create(p)) {
            for (int i = 2; i < args.length; i++) {
                String group = args[i];
                // a member of a killed process stays until its session times out (45 s): wait up to 2 minutes
                long deadline = System.nanoTime() + 120_000_000_000L;
                int members;
                while ((members = members(admin, group)) > 0) {
                    if (System.nanoTime() > deadline) {
                        System.err.println(group + ": " + members + " members still consuming; stop the service first");
                        System.exit(2);
                    }
                    Thread.sleep(2000);
                }
                if (members < 0) {
                    System.out.println(group + ": no such group, nothing to rewind");
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                committed.keySet().forEach(tp -> ask.put(tp, OffsetSpec.forTimestamp(at)));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(ask).all().get();
                Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
                committed.forEach((tp, before) -> {
                    long offset = found.get(tp).offset();   // -1: no record at or after T
                    if (offset >= 0 && before != null && offset < before.offset()) {
                        rewind.put(tp, new OffsetAndMetadata(offset));
                    }
                    System.out.printf("%s %s-%d %d -> %d%n", group, tp.topic(), tp.partition(),
                            before == null ? -1 : before.offset(), rewind.containsKey(tp) ? offset : (before == null ? -1 : before.offset()));
                });
                if (!rewind.isEmpty()) {
                    admin.alterConsumerGroupOffsets(group, rewind).all().get();
                }
            }
        }
    }

    /** Members of the group, -1 when the broker does not know it. */
    static int members(Admin admin, String group) throws Exception {
        try {
            return admin.describeConsumerGroups(java.util.List.of(group)).all().get().get(group).members().size();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return -1;
            }
            throw e;
        }
    }
}
