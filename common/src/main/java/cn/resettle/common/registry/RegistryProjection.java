package cn.resettle.common.registry;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.security.IdNumberHash;
import cn.resettle.common.security.Masking;
import cn.resettle.common.validation.CitizenIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps a service's own copy of the registry from community events (no synchronous calls to community-service).
 * Each event is applied at most once (inbox) and only if it is newer than what the copy holds (the aggregate
 * version), so redeliveries, duplicates and late arrivals leave the copy right. {@code events_applied} counts the
 * events that changed a household row: operators (and the fault test) can see that nothing was applied twice.
 */
@ApplicationScoped
public class RegistryProjection {

    private static final Logger LOG = Logger.getLogger(RegistryProjection.class);

    @Inject
    IdempotentConsumer inbox;
    @Inject
    EventCodec codec;
    @Inject
    EntityManager em;
    @Inject
    IdNumberHash hash;

    /** Entry point for a service's {@code @Incoming} method: parse, de-duplicate, apply. */
    public void onRecord(String value) {
        inbox.consume(value, this::apply);
    }

    /** Applies a registry event to the copy; returns false for event types the copy does not hold. */
    public boolean apply(EventEnvelope e) {
        String type = e.type();
        if (type.startsWith(CommunityEvents.HOUSEHOLD_TYPE_PREFIX)) {
            HouseholdSnapshot h = codec.data(e, HouseholdCarrier.class).household();
            if (h == null || h.id() == null) {
                throw new EventCodec.MalformedEventException(type + " without a household snapshot");
            }
            upsertHousehold(h, e);
            return true;
        } else if (type.equals("cn.resettle.community.site.registered.v1") || type.equals("cn.resettle.community.site.updated.v1")) {
            CommunityEvents.SiteSnapshot s = codec.data(e, SiteCarrier.class).site();
            if (s == null || s.id() == null) {
                throw new EventCodec.MalformedEventException(type + " without a site snapshot");
            }
            upsertSite(s);
            return true;
        }
        LOG.debugf("event type %s is not for the registry copy", type);
        return false;
    }

    /**
     * Applies a batch of events in their order inside the caller's transaction: consecutive household events are
     * applied set-based ({@link #applyHouseholds}), every other event through {@code other} (or {@link #apply}
     * when it is a site event), so the order between household events and the rest is kept.
     */
    public void applyAll(List<EventEnvelope> events, Consumer<EventEnvelope> other) {
        List<EventEnvelope> run = new ArrayList<>();
        for (EventEnvelope e : events) {
            if (e.type().startsWith(CommunityEvents.HOUSEHOLD_TYPE_PREFIX)) {
                run.add(e);
                continue;
            }
            applyHouseholds(run);
            run.clear();
            other.accept(e);
        }
        applyHouseholds(run);
    }

    /**
     * Household events, set-based: the copy's versions of their households in one query, the outcome of applying
     * them one after the other worked out here (an event counts only if its version is newer than everything before
     * it), then one multi-row upsert with the version guard for the households that change (their newest
     * snapshot; {@code events_applied} grows by the number of events that changed it, as if applied one by one),
     * one delete of their people (and of anyone in them registered elsewhere before) and one multi-row insert.
     */
    public void applyHouseholds(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() == 1) {
            apply(events.get(0));
            return;
        }
        List<Change> ordered = new ArrayList<>();
        for (EventEnvelope e : events) {
            HouseholdSnapshot h = codec.data(e, HouseholdCarrier.class).household();
            if (h == null || h.id() == null) {
                throw new EventCodec.MalformedEventException(e.type() + " without a household snapshot");
            }
            ordered.add(new Change(h, e, 0));
        }
        em.flush();
        Session session = em.unwrap(Session.class);
        session.doWork(c -> {
            Map<UUID, Long> current = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select id, version from registry_household where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", ordered.stream().map(x -> x.household().id()).distinct().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        current.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    }
                }
            }
            // the newest change per household, in the order of its last applying event
            Map<UUID, Change> latest = new LinkedHashMap<>();
            for (Change x : ordered) {
                UUID id = x.household().id();
                Long have = current.get(id);
                if (have != null && x.household().version() <= have) {
                    continue;
                }
                current.put(id, x.household().version());
                Change before = latest.remove(id);
                latest.put(id, new Change(x.household(), x.event(), before == null ? 1 : before.applied() + 1));
            }
            if (latest.isEmpty()) {
                return;
            }
            List<UUID> changed = upsertHouseholds(c, new ArrayList<>(latest.values()));
            if (changed.isEmpty()) {
                return;
            }
            Set<UUID> changedSet = new HashSet<>(changed);
            // people: the newest household of a person wins (by ID hash and by member id)
            Map<String, Object[]> byHash = new LinkedHashMap<>();
            Map<UUID, String> hashOfMember = new HashMap<>();
            for (Change x : latest.values()) {
                if (!changedSet.contains(x.household().id())) {
                    continue;
                }
                for (HouseholdSnapshot.Member m : x.household().members()) {
                    Person p = Person.of(m, hash);
                    String earlier = hashOfMember.put(m.id(), p.idNumberHash);
                    if (earlier != null) {
                        byHash.remove(earlier);
                    }
                    Object[] displaced = byHash.remove(p.idNumberHash);
                    if (displaced != null) {
                        hashOfMember.remove((UUID) displaced[0]);
                        hashOfMember.put(m.id(), p.idNumberHash);
                    }
                    byHash.put(p.idNumberHash, new Object[]{m.id(), x.household().id(), p.idNumberHash, p.idNumberMasked,
                            m.name(), m.gender(), p.birthYear, m.relationship(), m.labourCapacity(), m.employmentStatus(),
                            m.health(), m.status()});
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from registry_person where household_id = any(?) "
                    + "or id_number_hash = any(?) or id = any(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", changed.toArray()));
                ps.setArray(2, c.createArrayOf("varchar", byHash.keySet().toArray()));
                ps.setArray(3, c.createArrayOf("uuid", byHash.values().stream().map(r -> r[0]).toArray()));
                ps.executeUpdate();
            }
            List<Object[]> people = new ArrayList<>(byHash.values());
            for (int from = 0; from < people.size(); from += 1000) {
                List<Object[]> chunk = people.subList(from, Math.min(people.size(), from + 1000));
                StringBuilder sql = new StringBuilder("insert into registry_person (id, household_id, id_number_hash, "
                        + "id_number_masked, name, gender, birth_year, relationship, labour_capacity, employment_status, "
                        + "health, status) values ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                }
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int k = 1;
                    for (Object[] r : chunk) {
                        for (int j = 0; j < r.length; j++) {
                            if (j == 6) {
                                if (r[j] == null) {
                                    ps.setNull(k++, Types.INTEGER);
                                } else {
                                    ps.setInt(k++, (Integer) r[j]);
                                }
                            } else if (r[j] == null) {
                                ps.setNull(k++, j <= 1 ? Types.OTHER : Types.VARCHAR);
                            } else {
                                ps.setObject(k++, r[j]);
                            }
                        }
                    }
                    ps.executeUpdate();
                }
            }
        });
    }

    private record Change(HouseholdSnapshot household, EventEnvelope event, int applied) {
    }

    /** One multi-row upsert (chunks of 1 000) with the version guard; returns the ids it changed. */
    private static List<UUID> upsertHouseholds(Connection c, List<Change> changes) throws SQLException {
        List<UUID> changed = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += 1000) {
            List<Change> chunk = changes.subList(from, Math.min(changes.size(), from + 1000));
            StringBuilder sql = new StringBuilder("insert into registry_household (id, version, household_no, site_id, "
                    + "site_code, region_code, relocation_type, placement_type, status, member_count, events_applied, "
                    + "last_event_id, updated_at) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            sql.append("""
                     on conflict (id) do update set version = excluded.version, household_no = excluded.household_no,
                      site_id = excluded.site_id, site_code = excluded.site_code, region_code = excluded.region_code,
                      relocation_type = excluded.relocation_type, placement_type = excluded.placement_type,
                      status = excluded.status, member_count = excluded.member_count,
                      events_applied = registry_household.events_applied + excluded.events_applied,
                      last_event_id = excluded.last_event_id, updated_at = excluded.updated_at
                    where registry_household.version < excluded.version
                    returning id""");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (Change x : chunk) {
                    HouseholdSnapshot h = x.household();
                    EventEnvelope e = x.event();
                    ps.setObject(k++, h.id());
                    ps.setLong(k++, h.version());
                    ps.setString(k++, h.householdNo());
                    ps.setObject(k++, h.siteId(), Types.OTHER);
                    ps.setString(k++, h.siteCode());
                    ps.setString(k++, h.regionCode());
                    ps.setString(k++, h.relocationType());
                    ps.setString(k++, h.placementType());
                    ps.setString(k++, h.status());
                    ps.setInt(k++, (int) h.members().stream().filter(m -> "ACTIVE".equals(m.status())).count());
                    ps.setInt(k++, x.applied());
                    ps.setObject(k++, e.id());
                    ps.setObject(k++, e.time() == null ? OffsetDateTime.now() : e.time());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changed.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        }
        return changed;
    }

    /** Every household event carries {@code household}; other fields are ignored here. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record HouseholdCarrier(HouseholdSnapshot household) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record SiteCarrier(CommunityEvents.SiteSnapshot site) {
    }

    private void upsertSite(CommunityEvents.SiteSnapshot s) {
        em.createNativeQuery("""
                        insert into registry_site (id, version, code, name, county_code, township_code, area_type, status, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now())
                        on conflict (id) do update set version = excluded.version, code = excluded.code, name = excluded.name,
                          county_code = excluded.county_code, township_code = excluded.township_code,
                          area_type = excluded.area_type, status = excluded.status, updated_at = now()
                        where registry_site.version < excluded.version""")
                .setParameter(1, s.id()).setParameter(2, s.version()).setParameter(3, s.code()).setParameter(4, s.name())
                .setParameter(5, s.countyCode()).setParameter(6, s.townshipCode()).setParameter(7, s.areaType())
                .setParameter(8, s.status()).executeUpdate();
    }

    private void upsertHousehold(HouseholdSnapshot h, EventEnvelope e) {
        int activeMembers = (int) h.members().stream().filter(m -> "ACTIVE".equals(m.status())).count();
        int changed = em.createNativeQuery("""
                        insert into registry_household (id, version, household_no, site_id, site_code, region_code,
                          relocation_type, placement_type, status, member_count, events_applied, last_event_id, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12)
                        on conflict (id) do update set version = excluded.version, household_no = excluded.household_no,
                          site_id = excluded.site_id, site_code = excluded.site_code, region_code = excluded.region_code,
                          relocation_type = excluded.relocation_type, placement_type = excluded.placement_type,
                          status = excluded.status, member_count = excluded.member_count,
                          events_applied = registry_household.events_applied + 1,
                          last_event_id = excluded.last_event_id, updated_at = excluded.updated_at
                        where registry_household.version < excluded.version""")
                .setParameter(1, h.id()).setParameter(2, h.version()).setParameter(3, h.householdNo())
                .setParameter(4, h.siteId()).setParameter(5, h.siteCode()).setParameter(6, h.regionCode())
                .setParameter(7, h.relocationType()).setParameter(8, h.placementType()).setParameter(9, h.status())
                .setParameter(10, activeMembers).setParameter(11, e.id())
                .setParameter(12, e.time() == null ? OffsetDateTime.now() : e.time())
                .executeUpdate();
        if (changed == 0) {
            LOG.debugf("household %s version %d is not newer than the copy; skipped", h.id(), h.version());
            return;
        }
        em.createNativeQuery("delete from registry_person where household_id = ?1").setParameter(1, h.id()).executeUpdate();
        for (HouseholdSnapshot.Member m : h.members()) {
            Person p = Person.of(m, hash);
            // a person re-registered in another household moves with the newest event
            em.createNativeQuery("delete from registry_person where id_number_hash = ?1").setParameter(1, p.idNumberHash).executeUpdate();
            em.createNativeQuery("""
                            insert into registry_person (id, household_id, id_number_hash, id_number_masked, name, gender,
                              birth_year, relationship, labour_capacity, employment_status, health, status)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""")
                    .setParameter(1, m.id()).setParameter(2, h.id()).setParameter(3, p.idNumberHash)
                    .setParameter(4, p.idNumberMasked).setParameter(5, m.name()).setParameter(6, m.gender())
                    .setParameter(7, p.birthYear).setParameter(8, m.relationship()).setParameter(9, m.labourCapacity())
                    .setParameter(10, m.employmentStatus()).setParameter(11, m.health()).setParameter(12, m.status())
                    .executeUpdate();
        }
    }

    /**
     * What the copy keeps of a member: the keyed hash and the masked number, never the clear one. An event from
     * before the privacy hardening still carries {@code idNumber} and {@code birthDate}; they are hashed, masked and
     * cut to the year here, and not stored.
     */
    @SuppressWarnings("deprecation")
    record Person(String idNumberHash, String idNumberMasked, Integer birthYear) {
        static Person of(HouseholdSnapshot.Member m, IdNumberHash hash) {
            String clear = CitizenIds.normalize(m.idNumber());
            String h = m.idNumberHash() != null ? m.idNumberHash() : hash.of(clear);
            if (h == null) {
                throw new EventCodec.MalformedEventException("member " + m.id() + " without idNumberHash");
            }
            String masked = m.idNumberMasked() != null ? m.idNumberMasked() : Masking.idNumber(clear);
            Integer year = m.birthYear() != null ? m.birthYear() : m.birthDate() != null ? m.birthDate().getYear() : null;
            return new Person(h, masked, year);
        }
    }
}
