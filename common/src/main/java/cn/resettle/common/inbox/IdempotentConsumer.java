package cn.resettle.common.inbox;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Applies an incoming event at most once. The event id goes into {@code inbox_event} in the same transaction as
 * the effect; a repeat (redelivery after a crash, a duplicate publish by the relay) finds the id and is skipped.
 * A failing effect is rolled back and retried with exponential backoff; after the last attempt the exception
 * propagates, the message is nacked and SmallRye's dead-letter-queue strategy moves it to the service's DLQ topic
 * with the reason in the {@code dead-letter-reason} header. Malformed events are not retried.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    @ConfigMapping(prefix = "resettle.inbox")
    public interface InboxConfig {
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();
    }

    @Inject
    EntityManager em;
    @Inject
    EventCodec codec;
    @Inject
    InboxConfig config;

    /** Parses the record and applies it; returns true if applied, false if it was a repeat. */
    public boolean consume(String recordValue, Consumer<EventEnvelope> effect) {
        EventEnvelope event = codec.read(recordValue);
        return consume(event, effect);
    }

    public boolean consume(EventEnvelope event, Consumer<EventEnvelope> effect) {
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> applyOnce(event, effect));
            } catch (EventCodec.MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    LOG.errorf("event %s (%s) failed %d times, dead-lettering: %s", event.id(), event.type(), attempt, e);
                    throw new EventRejectedException("failed after " + attempt + " attempts: " + rootMessage(e), e);
                }
                LOG.warnf("event %s (%s) attempt %d failed, retrying in %d ms: %s", event.id(), event.type(), attempt,
                        backoff, rootMessage(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new EventRejectedException("interrupted", e);
                }
                backoff *= 4;
            }
        }
    }

    private boolean applyOnce(EventEnvelope event, Consumer<EventEnvelope> effect) {
        int inserted = em.createNativeQuery("insert into inbox_event (event_id, event_type, source, subject) "
                        + "values (?1, ?2, ?3, ?4) on conflict (event_id) do nothing")
                .setParameter(1, event.id()).setParameter(2, event.type())
                .setParameter(3, event.source()).setParameter(4, event.subject())
                .executeUpdate();
        if (inserted == 0) {
            LOG.debugf("event %s already applied, skipped", event.id());
            return false;
        }
        effect.accept(event);
        return true;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    public static class EventRejectedException extends RuntimeException {
        public EventRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
