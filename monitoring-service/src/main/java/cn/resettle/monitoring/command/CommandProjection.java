package cn.resettle.monitoring.command;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.MonitoringEvents;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.OutboxWritten;
import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.RegistryProjection;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The command view's projection (issue 13): figure cells per township, site, figure and month, kept up to date as
 * events are applied — the community, employment and industry events inside the inbox's transaction (the same one
 * that records the event id, so a redelivery changes nothing), monitoring's own events inside the transaction that
 * writes them to the outbox ({@link OutboxWritten}). Opening the indicators reads these cells, never the registry.
 * <p>
 * Households: {@code command_household} remembers what each household counts for (active, people, labour, someone
 * employed, subject type); an event's effect is the difference between the new and the old contributions, so a
 * household that moves site moves its counts, and an older version arriving late is ignored.
 */
@ApplicationScoped
public class CommandProjection {

    private static final Logger LOG = Logger.getLogger(CommandProjection.class);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager em;
    @Inject
    EventCodec codec;

    private final AtomicReference<YearMonth> rolledThrough = new AtomicReference<>();

    /** Events consumed on the domain-events channel, inside the inbox transaction, in their order. */
    public void applyAll(List<EventEnvelope> events) {
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            Deltas d = new Deltas();
            List<EventEnvelope> run = new ArrayList<>();
            for (EventEnvelope e : events) {
                if (e.type().startsWith(CommunityEvents.HOUSEHOLD_TYPE_PREFIX)) {
                    run.add(e);
                    continue;
                }
                households(c, run, d);
                run.clear();
                other(c, e, d);
            }
            households(c, run, d);
            d.flush(c);
        });
    }

    /** Monitoring's own events, in the transaction that writes them to the outbox. */
    void onOwnEvent(@Observes OutboxWritten written) {
        if (!Topics.MONITORING.equals(written.topic())) {
            return;
        }
        applyAll(List.of(written.event()));
    }

    // ------------------------------------------------------------------ households

    record Fact(UUID id, long version, String householdNo, String region, String site, boolean active, int people,
                boolean labour, boolean employedRegistry, int placements, String subjectType) {
        boolean employed() {
            return employedRegistry || placements > 0;
        }

        Fact withPlacements(int p) {
            return new Fact(id, version, householdNo, region, site, active, people, labour, employedRegistry, Math.max(0, p), subjectType);
        }

        Fact withSubject(String type) {
            return new Fact(id, version, householdNo, region, site, active, people, labour, employedRegistry, placements, type);
        }

        static Fact of(HouseholdSnapshot h, Fact old, int placementsIfNew) {
            int people = 0;
            boolean labour = false;
            boolean employed = false;
            for (HouseholdSnapshot.Member m : h.members()) {
                if (!"ACTIVE".equals(m.status())) {
                    continue;
                }
                people++;
                if ("FULL".equals(m.labourCapacity()) || "WEAK".equals(m.labourCapacity())) {
                    labour = true;
                }
                if (EmploymentStatus.employed(m.employmentStatus())) {
                    employed = true;
                }
            }
            return new Fact(h.id(), h.version(), h.householdNo(), h.regionCode(), h.siteCode() == null ? "" : h.siteCode(),
                    "ACTIVE".equals(h.status()), people, labour, employed,
                    old == null ? placementsIfNew : old.placements(), old == null ? null : old.subjectType());
        }
    }

    /** What a household counts for, by cell (without the month). */
    private static Map<Deltas.Cell, Long> contributions(Fact f) {
        Map<Deltas.Cell, Long> out = new LinkedHashMap<>();
        if (f == null || !f.active()) {
            return out;
        }
        out.put(new Deltas.Cell(f.region(), f.site(), Figure.HOUSEHOLDS, "", ""), 1L);
        out.put(new Deltas.Cell(f.region(), f.site(), Figure.PEOPLE, "", ""), (long) f.people());
        if (f.subjectType() != null) {
            out.put(new Deltas.Cell(f.region(), f.site(), Figure.SUBJECTS, f.subjectType(), ""), 1L);
        }
        if (f.labour()) {
            out.put(new Deltas.Cell(f.region(), f.site(), Figure.LABOUR_HOUSEHOLDS, "", ""), 1L);
            if (f.employed()) {
                out.put(new Deltas.Cell(f.region(), f.site(), Figure.LABOUR_HOUSEHOLDS_EMPLOYED, "", ""), 1L);
            }
        }
        return out;
    }

    private static void diff(Fact before, Fact after, String month, Deltas d) {
        Map<Deltas.Cell, Long> old = contributions(before);
        Map<Deltas.Cell, Long> now = contributions(after);
        now.forEach((k, v) -> d.add(k.region(), k.site(), k.figure(), k.dim(), month, v - old.getOrDefault(k, 0L)));
        old.forEach((k, v) -> {
            if (!now.containsKey(k)) {
                d.add(k.region(), k.site(), k.figure(), k.dim(), month, -v);
            }
        });
    }

    private void households(Connection c, List<EventEnvelope> events, Deltas d) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        List<HouseholdSnapshot> snapshots = new ArrayList<>();
        for (EventEnvelope e : events) {
            HouseholdSnapshot h = codec.data(e, RegistryProjection.HouseholdCarrier.class).household();
            if (h == null || h.id() == null) {
                throw new EventCodec.MalformedEventException(e.type() + " without a household snapshot");
            }
            snapshots.add(h);
        }
        List<UUID> ids = snapshots.stream().map(HouseholdSnapshot::id).distinct().toList();
        Map<UUID, Fact> facts = loadFacts(c, ids);
        Map<UUID, Integer> placements = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select household_id, count(*) from command_placement "
                + "where active and household_id = any(?) group by household_id")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    placements.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
        }
        Map<UUID, Fact> changed = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            HouseholdSnapshot h = snapshots.get(i);
            Fact old = facts.get(h.id());
            if (old != null && h.version() <= old.version()) {
                continue;
            }
            Fact now = Fact.of(h, old, placements.getOrDefault(h.id(), 0));
            diff(old, now, month(events.get(i).time()), d);
            facts.put(h.id(), now);
            changed.put(h.id(), now);
        }
        saveFacts(c, new ArrayList<>(changed.values()));
    }

    private static Map<UUID, Fact> loadFacts(Connection c, List<UUID> ids) throws SQLException {
        Map<UUID, Fact> facts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select household_id, version, household_no, region_code, site_code, "
                + "active, people, labour, employed_registry, placements, subject_type from command_household "
                + "where household_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fact f = new Fact(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getInt(7), rs.getBoolean(8), rs.getBoolean(9),
                            rs.getInt(10), rs.getString(11));
                    facts.put(f.id(), f);
                }
            }
        }
        return facts;
    }

    private static void saveFacts(Connection c, List<Fact> facts) throws SQLException {
        for (int from = 0; from < facts.size(); from += 1000) {
            List<Fact> chunk = facts.subList(from, Math.min(facts.size(), from + 1000));
            StringBuilder sql = new StringBuilder("insert into command_household (household_id, version, household_no, "
                    + "region_code, site_code, active, people, labour, employed_registry, placements, subject_type, updated_at) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())");
            }
            sql.append("""
                     on conflict (household_id) do update set version = excluded.version, household_no = excluded.household_no,
                      region_code = excluded.region_code, site_code = excluded.site_code, active = excluded.active,
                      people = excluded.people, labour = excluded.labour, employed_registry = excluded.employed_registry,
                      placements = excluded.placements, subject_type = excluded.subject_type, updated_at = now()""");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (Fact f : chunk) {
                    ps.setObject(k++, f.id());
                    ps.setLong(k++, f.version());
                    ps.setString(k++, f.householdNo());
                    ps.setString(k++, f.region() == null ? "" : f.region());
                    ps.setString(k++, f.site());
                    ps.setBoolean(k++, f.active());
                    ps.setInt(k++, f.people());
                    ps.setBoolean(k++, f.labour());
                    ps.setBoolean(k++, f.employedRegistry());
                    ps.setInt(k++, f.placements());
                    if (f.subjectType() == null) {
                        ps.setNull(k++, Types.VARCHAR);
                    } else {
                        ps.setString(k++, f.subjectType());
                    }
                }
                ps.executeUpdate();
            }
        }
    }

    /** A change to one known household (placement, subject): its new contributions minus the old. */
    private void household(Connection c, UUID id, String month, Deltas d, java.util.function.UnaryOperator<Fact> change)
            throws SQLException {
        Fact old = loadFacts(c, List.of(id)).get(id);
        if (old == null) {
            return;   // not in the registry copy yet: its household event will count it (placements are read then)
        }
        Fact now = change.apply(old);
        diff(old, now, month, d);
        saveFacts(c, List.of(now));
    }

    // ------------------------------------------------------------------ everything else

    private void other(Connection c, EventEnvelope e, Deltas d) throws SQLException {
        String month = month(e.time());
        switch (e.type()) {
            case EmploymentEvents.PLACEMENT_STARTED -> placementStarted(c, codec.data(e, EmploymentEvents.PlacementStarted.class), month, d);
            case EmploymentEvents.PLACEMENT_ENDED -> placementEnded(c, codec.data(e, EmploymentEvents.PlacementEnded.class), month, d);
            case TaskEvents.CREATED -> taskCreated(c, codec.data(e, TaskEvents.TaskCreated.class), month, d);
            case TaskEvents.COMPLETED -> taskClosed(c, codec.data(e, TaskEvents.TaskCompleted.class).taskId(), "DONE", month, d);
            case TaskEvents.DECLINED -> taskClosed(c, codec.data(e, TaskEvents.TaskDeclined.class).taskId(), "DECLINED", month, d);
            case TaskEvents.CANCELLED -> taskClosed(c, codec.data(e, TaskEvents.TaskCancelled.class).taskId(), "CANCELLED", month, d);
            case CommunityEvents.HAZARD_RECORDED -> {
                CommunityEvents.HazardRecorded hz = codec.data(e, CommunityEvents.HazardRecorded.class);
                d.add(hz.regionCode(), hz.siteCode(), Figure.HAZARDS_RECORDED, "", month, 1);
            }
            case "cn.resettle.community.service-request.filed.v1" -> {
                CommunityEvents.ServiceRequestFiled r = codec.data(e, CommunityEvents.ServiceRequestFiled.class);
                d.add(r.regionCode(), r.siteCode(), Figure.SERVICE_REQUESTS_FILED, "", month, 1);
            }
            case CommunityEvents.SITE_SCORE_RECORDED -> siteScore(c, codec.data(e, CommunityEvents.SiteScoreRecorded.class));
            case MonitoringEvents.RISK_FLAGGED -> riskFlagged(c, codec.data(e, MonitoringEvents.RiskFlagged.class), month, d);
            case MonitoringEvents.RISK_ELIMINATED -> riskEliminated(c, codec.data(e, MonitoringEvents.RiskEliminated.class), month, d);
            case MonitoringEvents.SUBJECT_IDENTIFIED -> {
                MonitoringEvents.SubjectIdentified s = codec.data(e, MonitoringEvents.SubjectIdentified.class);
                household(c, s.householdId(), month, d, f -> f.withSubject(s.subjectType()));
            }
            case MonitoringEvents.VISIT_RECORDED -> visitRecorded(c, codec.data(e, MonitoringEvents.VisitRecorded.class), d);
            default -> {
                // not a figure of the command view
            }
        }
    }

    private void placementStarted(Connection c, EmploymentEvents.PlacementStarted p, String month, Deltas d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into command_placement (placement_id, household_id, region_code, "
                + "site_code, kind, active, started_on) values (?, ?, ?, ?, ?, true, ?) on conflict (placement_id) do nothing")) {
            ps.setObject(1, p.placementId());
            ps.setObject(2, p.householdId());
            ps.setString(3, nz(p.regionCode()));
            ps.setString(4, nz(p.siteCode()));
            ps.setString(5, nz(p.kind()));
            ps.setObject(6, p.startedOn());
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        placementFigure(p.kind(), p.regionCode(), p.siteCode(), month, 1, d);
        household(c, p.householdId(), month, d, f -> f.withPlacements(f.placements() + 1));
    }

    private void placementEnded(Connection c, EmploymentEvents.PlacementEnded p, String month, Deltas d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update command_placement set active = false, ended_on = ? "
                + "where placement_id = ? and active returning kind, region_code, site_code")) {
            ps.setObject(1, p.endedOn());
            ps.setObject(2, p.placementId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;   // a repeat, or a placement started before the command view existed
                }
                placementFigure(rs.getString(1), rs.getString(2), rs.getString(3), month, -1, d);
            }
        }
        household(c, p.householdId(), month, d, f -> f.withPlacements(f.placements() - 1));
    }

    private static void placementFigure(String kind, String region, String site, String month, int delta, Deltas d) {
        if ("PUBLIC_WELFARE_POST".equals(kind)) {
            d.add(region, site, Figure.PUBLIC_WELFARE_POSTS, "", month, delta);
        } else if ("SELF_EMPLOYED".equals(kind)) {
            d.add(region, site, Figure.SELF_EMPLOYED, "", month, delta);
        }
    }

    private void taskCreated(Connection c, TaskEvents.TaskCreated t, String month, Deltas d) throws SQLException {
        // where the task counts: its risk's household (the risk is projected before any of its tasks exists)
        String region = null;
        String site = null;
        String householdNo = null;
        try (PreparedStatement ps = c.prepareStatement("""
                select region_code, site_code, household_no from command_risk where risk_id = ?
                union all select region_code, site_code, household_no from command_household where household_id = ?
                limit 1""")) {
            ps.setObject(1, t.riskId());
            ps.setObject(2, t.householdId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    region = rs.getString(1);
                    site = rs.getString(2);
                    householdNo = rs.getString(3);
                }
            }
        }
        if (region == null) {
            LOG.debugf("task %s of household %s not placed: household not known to the command view", t.taskId(), t.householdId());
            region = "";
            site = "";
        }
        boolean overdue = t.deadline() != null && t.deadline().isBefore(LocalDate.now(ZONE));
        String department = t.department() == null ? "" : t.department();
        try (PreparedStatement ps = c.prepareStatement("insert into command_task (task_id, risk_id, household_id, household_no, "
                + "region_code, site_code, domain, department, kind, title, deadline, status, overdue, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) on conflict (task_id) do nothing")) {
            ps.setObject(1, t.taskId());
            ps.setObject(2, t.riskId());
            ps.setObject(3, t.householdId());
            ps.setString(4, householdNo);
            ps.setString(5, region);
            ps.setString(6, site);
            ps.setString(7, nz(t.domain()));
            ps.setString(8, department);
            ps.setString(9, nz(t.kind()));
            ps.setString(10, t.title());
            ps.setObject(11, t.deadline());
            ps.setBoolean(12, overdue);
            ps.setObject(13, t.createdAt() == null ? OffsetDateTime.now() : t.createdAt());
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        if (region.isEmpty()) {
            return;
        }
        d.add(region, site, Figure.TASKS_OPEN, department, month, 1);
        if (overdue) {
            d.add(region, site, Figure.TASKS_OVERDUE, department, month, 1);
        }
    }

    private void taskClosed(Connection c, UUID taskId, String status, String month, Deltas d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update command_task set status = ?, closed_at = now() "
                + "where task_id = ? and status = 'OPEN' returning region_code, site_code, department, overdue")) {
            ps.setString(1, status);
            ps.setObject(2, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !rs.getString(1).isEmpty()) {
                    d.add(rs.getString(1), rs.getString(2), Figure.TASKS_OPEN, rs.getString(3), month, -1);
                    if (rs.getBoolean(4)) {
                        d.add(rs.getString(1), rs.getString(2), Figure.TASKS_OVERDUE, rs.getString(3), month, -1);
                    }
                }
            }
        }
    }

    private void riskFlagged(Connection c, MonitoringEvents.RiskFlagged r, String month, Deltas d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into command_risk (risk_id, household_id, household_no, region_code, "
                + "site_code, category, open, flagged_at) values (?, ?, ?, ?, ?, ?, true, ?) on conflict (risk_id) do nothing")) {
            ps.setObject(1, r.riskId());
            ps.setObject(2, r.householdId());
            ps.setString(3, r.householdNo());
            ps.setString(4, nz(r.regionCode()));
            ps.setString(5, nz(r.siteCode()));
            ps.setString(6, nz(r.category()));
            ps.setObject(7, r.flaggedAt() == null ? OffsetDateTime.now() : r.flaggedAt());
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        d.add(r.regionCode(), r.siteCode(), Figure.RISKS_FLAGGED, "", month, 1);
        d.add(r.regionCode(), r.siteCode(), Figure.RISKS_OPEN, "", month, 1);
    }

    private void riskEliminated(Connection c, MonitoringEvents.RiskEliminated r, String month, Deltas d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update command_risk set open = false, closed_at = ?, outcome = ? "
                + "where risk_id = ? and open returning region_code, site_code")) {
            ps.setObject(1, r.decidedAt() == null ? OffsetDateTime.now() : r.decidedAt());
            ps.setString(2, r.outcome());
            ps.setObject(3, r.riskId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    d.add(rs.getString(1), rs.getString(2), Figure.RISKS_ELIMINATED, "", month, 1);
                    d.add(rs.getString(1), rs.getString(2), Figure.RISKS_OPEN, "", month, -1);
                }
            }
        }
    }

    private static void siteScore(Connection c, CommunityEvents.SiteScoreRecorded s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into command_site_score (site_code, region_code, quarter, score, "
                + "chief_name, inspector, recorded_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (site_code, quarter) do update "
                + "set score = excluded.score, chief_name = excluded.chief_name, inspector = excluded.inspector, "
                + "recorded_at = excluded.recorded_at, region_code = excluded.region_code")) {
            ps.setString(1, nz(s.siteCode()));
            ps.setString(2, nz(s.regionCode()));
            ps.setString(3, s.quarter());
            ps.setBigDecimal(4, s.score());
            ps.setString(5, s.chiefName());
            ps.setString(6, s.inspector());
            ps.setObject(7, s.recordedAt() == null ? OffsetDateTime.now() : s.recordedAt());
            ps.executeUpdate();
        }
    }

    private void visitRecorded(Connection c, MonitoringEvents.VisitRecorded v, Deltas d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into command_visit (household_id, month, region_code, site_code, "
                + "visited_on) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            ps.setObject(1, v.householdId());
            ps.setString(2, v.visitMonth());
            ps.setString(3, nz(v.regionCode()));
            ps.setString(4, nz(v.siteCode()));
            ps.setObject(5, v.visitedOn());
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        d.add(v.regionCode(), v.siteCode(), Figure.VISITED_HOUSEHOLDS, "", v.visitMonth(), 1);
    }

    // ------------------------------------------------------------------ the clock

    /**
     * Tasks whose deadline passed since the last sweep become overdue (no event says so: the clock does). Runs every
     * minute; the figure's time of update says when it last ran for a cell.
     */
    @Scheduled(identity = "command-overdue-sweep", every = "${resettle.command.overdue-sweep:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepOverdue() {
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(c -> {
            Deltas d = new Deltas();
            String month = YearMonth.now(ZONE).toString();
            try (PreparedStatement ps = c.prepareStatement("update command_task set overdue = true where status = 'OPEN' "
                    + "and not overdue and deadline < ? and region_code <> '' returning region_code, site_code, department")) {
                ps.setDate(1, Date.valueOf(LocalDate.now(ZONE)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        d.add(rs.getString(1), rs.getString(2), Figure.TASKS_OVERDUE, rs.getString(3), month, 1);
                    }
                }
            }
            d.flush(c);
        }));
    }

    /**
     * Stock cells get a row for every month: the first read or sweep of a new month copies each cell's latest non-zero
     * value into it, so a month's figures are one indexed range (no "latest row before" search per cell when reading).
     */
    public void rollForward() {
        YearMonth now = YearMonth.now(ZONE);
        if (now.equals(rolledThrough.get())) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into command_figure (region_code, site_code, figure, dim, month, value, updated_at)
                    select region_code, site_code, figure, dim, ?, value, updated_at from (
                      select distinct on (region_code, site_code, figure, dim) region_code, site_code, figure, dim, value,
                             updated_at, month
                      from command_figure where figure = any(?) and month < ?
                      order by region_code, site_code, figure, dim, month desc) latest
                    where value <> 0
                    on conflict do nothing""")) {
                String[] stocks = java.util.Arrays.stream(Figure.values()).filter(Figure::stock).map(Enum::name).toArray(String[]::new);
                YearMonth from = earliestMonth(c);
                for (YearMonth m = from == null ? now : from.plusMonths(1); !m.isAfter(now); m = m.plusMonths(1)) {
                    ps.setString(1, m.toString());
                    ps.setArray(2, c.createArrayOf("varchar", stocks));
                    ps.setString(3, m.toString());
                    ps.executeUpdate();
                }
            }
        }));
        rolledThrough.set(now);
    }

    /** The latest month already present (rolling starts after it), at most 24 months back. */
    private static YearMonth earliestMonth(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select max(month) from command_figure where month < ?")) {
            ps.setString(1, YearMonth.now(ZONE).toString());
            try (ResultSet rs = ps.executeQuery()) {
                String m = rs.next() ? rs.getString(1) : null;
                if (m == null) {
                    return null;
                }
                YearMonth ym = YearMonth.parse(m);
                YearMonth floor = YearMonth.now(ZONE).minusMonths(24);
                return ym.isBefore(floor) ? floor : ym;
            }
        }
    }

    static String month(OffsetDateTime t) {
        return YearMonth.from((t == null ? OffsetDateTime.now() : t).atZoneSameInstant(ZONE)).toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
