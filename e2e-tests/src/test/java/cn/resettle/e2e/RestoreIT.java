package cn.resettle.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The restore runbook of docs/operations.md, played on real servers: employment's database is backed up (a
 * snapshot taken while the service is stopped), households keep arriving after the backup, the database is lost and
 * restored from the backup, employment's consumer groups are moved back to the backup time with the operator's tool
 * ({@code deploy/ops/RewindConsumers.java}), and the service is started again. Its registry copy must hold every
 * household again, those registered after the backup included, each applied exactly once.
 */
class RestoreIT {

    static final String SITE = "XG-LJ-005";
    static final String DB = "employment_e2e";
    static final String BACKUP = "employment_e2e_backup";

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aRestoredDatabaseCatchesUpFromTheTopicsAndAppliesNothingTwice() throws Exception {
        String siteId = RegistryAcrossServicesIT.site(SITE, "360732101");
        List<String> beforeBackup = Bursts.households(siteId, "RSTA", 12);
        Bursts.awaitCopies("employment", SITE, beforeBackup, Duration.ofSeconds(120));

        String group = Suite.env("employment", "KAFKA_GROUP_ID");
        // as in production, the consumer has long committed what it applied: the rewind below is what brings the
        // later events back, not a group that never committed
        awaitCommittedToTheEnd(group);

        // the backup: the service stopped, its database copied as it is
        Instant backupAt = Instant.now();
        Suite.kill("employment");
        copyDatabase(DB, BACKUP);
        Suite.restart("employment");

        List<String> afterBackup = Bursts.households(siteId, "RSTB", 12);
        Bursts.awaitCopies("employment", SITE, afterBackup, Duration.ofSeconds(120));
        awaitCommittedToTheEnd(group);

        // the database is lost; restore the backup
        Suite.kill("employment");
        copyDatabase(BACKUP, DB);
        assertEquals(0, copiesIn(DB, afterBackup), "the restored database is the backup: it has none of the later households");

        // the runbook: consumer groups back to the backup time (minus a minute), then start the service
        rewind(backupAt.minusSeconds(60), group, group + "-dlq");
        Suite.restart("employment");

        List<String> all = new ArrayList<>(beforeBackup);
        all.addAll(afterBackup);
        Bursts.awaitCopies("employment", SITE, all, Duration.ofSeconds(120));
        Map<String, Integer> applied = Bursts.copies("employment", SITE);
        for (String id : all) {
            assertEquals(1, applied.get(id), "household " + id + " applied once: replayed events the backup had seen are skipped");
        }
    }

    /**
     * {@code create database <to> template <from>}, replacing {@code to}, as the server's superuser (an operator's
     * restore, not the service's role); waits until the stopped service's sessions are gone.
     */
    static void copyDatabase(String from, String to) {
        String url = "jdbc:postgresql://localhost:" + Suite.PG_PORT + "/postgres";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + to);
                s.execute("create database " + to + " template " + from + " owner resettle");
            } catch (SQLException e) {
                throw new AssertionError("copy " + from + " -> " + to + ": " + e.getMessage());
            }
        });
    }

    static int copiesIn(String db, List<String> ids) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + Suite.PG_PORT + "/" + db;
        try (Connection c = DriverManager.getConnection(url, "resettle", "resettle");
             PreparedStatement ps = c.prepareStatement("select count(*) from registry_household where id = any (?::uuid[])")) {
            ps.setString(1, "{" + String.join(",", ids) + "}");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Waits until the group's committed offsets on the community topic reach the end of every partition. */
    static void awaitCommittedToTheEnd(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.KAFKA))) {
            String topic = Suite.TOPIC_PREFIX + "resettle.community.events";
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                admin.listOffsets(latest).all().get().forEach((tp, end) -> {
                    OffsetAndMetadata c = committed.get(tp);
                    assertEquals(end.offset(), c == null ? (end.offset() == 0 ? 0 : -1) : c.offset(), group + " committed " + tp);
                });
            });
        }
    }

    static void rewind(Instant to, String... groups) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-cp", Suite.ROOT.resolve(".local/dist/kafka/lib").toString() + "/*",
                Suite.ROOT.resolve("deploy/ops/RewindConsumers.java").toString(), Suite.KAFKA, to.toString()));
        cmd.addAll(List.of(groups));
        Path log = Suite.ROOT.resolve("e2e-tests/target/e2e-logs/rewind.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("RewindConsumers failed; see " + log);
        }
    }
}
