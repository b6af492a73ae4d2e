package cn.resettle.common.deadletter;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.inbox.FailureClassifier;
import cn.resettle.common.inbox.InboxHandlers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Reads the service's own dead-letter topic ({@code resettle.<service>.dlq}, channel {@code dead-letters}) into the
 * {@code dead_letter} table, where operators list and replay them ({@link DeadLetterResource}). Like every consumer
 * here it does not move on while its database is unreachable.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    private static final Logger LOG = Logger.getLogger(DeadLetterConsumer.class);
    public static final String CHANNEL = "dead-letters";

    @Inject
    DeadLetters deadLetters;
    @Inject
    EventCodec codec;
    @Inject
    InboxHandlers handlers;

    @Incoming(CHANNEL)
    @Blocking
    public void onDeadLetter(ConsumerRecord<String, String> r) {
        String sourceTopic = header(r, "dead-letter-topic");
        String reason = header(r, "dead-letter-reason");
        Integer partition = parseInt(header(r, "dead-letter-partition"));
        Long offset = parseLong(header(r, "dead-letter-offset"));
        EventEnvelope event = null;
        try {
            event = r.value() == null ? null : codec.read(r.value());
        } catch (RuntimeException e) {
            // unreadable: kept with its payload; listed without event id
        }
        String channel = sourceTopic == null ? null : handlers.byTopic(sourceTopic).map(h -> h.channel()).orElse(null);
        EventEnvelope ev = event;
        long backoff = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> deadLetters.store(channel, sourceTopic, partition, offset,
                        r.partition(), r.offset(), ev, r.value(), reason == null ? "unknown" : reason));
                LOG.infof("dead letter from %s stored (event %s, %s)", sourceTopic, ev == null ? "unreadable" : ev.id(),
                        ev == null ? "-" : ev.type());
                return;
            } catch (RuntimeException e) {
                if (FailureClassifier.classify(e) != FailureClassifier.Kind.INFRASTRUCTURE && attempt >= 5) {
                    LOG.errorf("dead letter at %s-%d@%d cannot be stored, skipped: %s", r.topic(), r.partition(),
                            r.offset(), FailureClassifier.reason(e));
                    return;
                }
                LOG.warnf("dead letter cannot be stored yet (attempt %d): %s", attempt, FailureClassifier.reason(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while storing a dead letter");
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
