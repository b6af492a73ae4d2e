package cn.resettle.employment.workshop;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.IndustryEvents;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.OffsetDateTime;

/**
 * Industry's events in employment, once per event (idempotent inbox): a registered assistance workshop becomes an
 * employer of kind WORKSHOP whose id is the workshop's id (and a {@code workshop_employer} row with what industry
 * said of it), so a posting names the workshop as its employer without a call to industry. Other industry events
 * are not employment's business and are only recorded as seen.
 */
@ApplicationScoped
public class WorkshopEmployerConsumer implements InboxHandler {

    /** Channel name; its topic, group and dead-letter topic are in application.properties. */
    public static final String CHANNEL = "industry";

    @Inject
    IdempotentConsumer inbox;
    @Inject
    EventCodec codec;
    @Inject
    EntityManager em;

    @Incoming(CHANNEL)
    @Blocking
    public void onIndustryEvents(ConsumerRecords<String, String> batch) {
        inbox.consumeBatch(this, batch);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void apply(EventEnvelope e) {
        if (!IndustryEvents.WORKSHOP_REGISTERED.equals(e.type())) {
            return;
        }
        IndustryEvents.WorkshopRegistered w = codec.data(e, IndustryEvents.WorkshopRegistered.class);
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into employer (id, version, name, kind, region_code, address, created_by, created_at)
                        values (?1, 0, ?2, 'WORKSHOP', ?3, ?4, 'industry-service', ?5)
                        on conflict (id) do update set name = excluded.name, region_code = excluded.region_code,
                          version = employer.version + 1""")
                .setParameter(1, w.workshopId()).setParameter(2, truncate(w.workshopName(), 100))
                .setParameter(3, w.regionCode()).setParameter(4, truncate("安置点 " + w.siteCode(), 200))
                .setParameter(5, now).executeUpdate();
        em.createNativeQuery("""
                        insert into workshop_employer (workshop_id, name, site_code, region_code, operator, products, jobs,
                          opened_on, event_id, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        on conflict (workshop_id) do update set name = excluded.name, site_code = excluded.site_code,
                          region_code = excluded.region_code, operator = excluded.operator, products = excluded.products,
                          jobs = excluded.jobs, opened_on = excluded.opened_on, event_id = excluded.event_id,
                          updated_at = excluded.updated_at""")
                .setParameter(1, w.workshopId()).setParameter(2, truncate(w.workshopName(), 100))
                .setParameter(3, w.siteCode()).setParameter(4, w.regionCode()).setParameter(5, truncate(w.operator(), 100))
                .setParameter(6, truncate(w.products(), 200)).setParameter(7, w.jobs()).setParameter(8, w.openedOn())
                .setParameter(9, e.id()).setParameter(10, now).executeUpdate();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
