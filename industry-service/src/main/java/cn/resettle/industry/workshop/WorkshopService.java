package cn.resettle.industry.workshop;

import cn.resettle.common.events.IndustryEvents.WorkshopStopped;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.web.IndustryConfig;
import cn.resettle.industry.workshop.WorkshopDtos.CheckView;
import cn.resettle.industry.workshop.WorkshopDtos.OrderView;
import cn.resettle.industry.workshop.WorkshopDtos.OverdueCheck;
import cn.resettle.industry.workshop.WorkshopDtos.SubsidyView;
import cn.resettle.industry.workshop.WorkshopDtos.WorkerView;
import cn.resettle.industry.workshop.WorkshopDtos.WorkshopView;
import cn.resettle.industry.workshop.WorkshopEnums.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Assistance workshops (帮扶车间): registration at a site, the relocated people they employ, orders, subsidies and
 * the quarterly check. A check that finds the workshop suspended or closed publishes {@link WorkshopStopped} with
 * the households left without an earner, in the same transaction (outbox); monitoring flags them.
 */
@ApplicationScoped
@Transactional
public class WorkshopService {

    private static final Logger LOG = Logger.getLogger(WorkshopService.class);

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;
    @Inject
    PersonalDataAudit audit;
    @Inject
    IndustryConfig config;

    public record Site(String code, String name, String townshipCode) {
    }

    /** A site of the registry copy inside the caller's scope (422 naming siteCode otherwise). */
    public Site site(String siteCode) {
        @SuppressWarnings("unchecked")
        List<Tuple> r = em.createNativeQuery("select code, name, township_code from registry_site where code = ?1 order by version desc",
                Tuple.class).setParameter(1, siteCode).setMaxResults(1).getResultList();
        if (r.isEmpty()) {
            throw DomainException.invalid("siteCode", "no resettlement site " + siteCode + " in the registry");
        }
        Site s = new Site(r.get(0).get("code", String.class), r.get(0).get("name", String.class),
                r.get(0).get("township_code", String.class));
        if (!scope.allows(s.townshipCode(), s.code())) {
            throw DomainException.invalid("siteCode", "site " + siteCode + " is outside your area");
        }
        return s;
    }

    public WorkshopView create(WorkshopDtos.NewWorkshop req) {
        Site s = site(req.siteCode());
        Long sameName = em.createQuery("select count(w) from Workshop w where w.siteCode = :s and w.name = :n", Long.class)
                .setParameter("s", s.code()).setParameter("n", req.name().trim()).getSingleResult();
        if (sameName > 0) {
            throw new DomainException(409, "duplicate", "冲突 Conflict", "name: the site already has a workshop of this name",
                    List.of(new cn.resettle.common.problem.Problem.Violation("name", "already registered at this site")));
        }
        Workshop w = new Workshop();
        w.id = UUID.randomUUID();
        w.name = req.name().trim();
        w.siteCode = s.code();
        w.regionCode = s.townshipCode();
        w.operator = req.operator().trim();
        w.products = req.products().trim();
        w.jobs = req.jobs();
        w.openedOn = req.openedOn();
        w.status = Status.OPERATING;
        w.createdBy = scope.actor();
        w.createdAt = w.updatedAt = OffsetDateTime.now();
        em.persist(w);
        em.flush();
        outbox.publish(Topics.INDUSTRY, w.id, new cn.resettle.common.events.IndustryEvents.WorkshopRegistered(w.id, w.name,
                w.siteCode, w.regionCode, w.operator, w.products, w.jobs, w.openedOn));
        return views(List.of(w)).get(0);
    }

    public record Filter(String siteCode, String regionCode, Status status, String name) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<WorkshopView> list(Filter f, PageRequest page) {
        PageResult<Workshop> p = ListQuery.scoped(scope.filter("w.regionCode", "w.siteCode"))
                .and("w.siteCode = :site", "site", f.siteCode())
                .and("w.regionCode like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("w.status = :status", "status", f.status())
                .and("w.name like :name", "name", f.name() == null ? null : "%" + f.name() + "%")
                .page(em, Workshop.class, "Workshop w", "w.regionCode, w.siteCode, w.name, w.id", page);
        return new PageResult<>(views(p.items()), p.page(), p.size(), p.total(), p.totalPages());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WorkshopView get(UUID id) {
        return views(List.of(visible(id))).get(0);
    }

    public Workshop visible(UUID id) {
        Workshop w = em.find(Workshop.class, id);
        if (w == null || !scope.allows(w.regionCode, w.siteCode)) {
            throw DomainException.notFound("workshop", id);
        }
        return w;
    }

    /** Counts and sums for a whole page in one statement each, never row by row. */
    private List<WorkshopView> views(List<Workshop> ws) {
        if (ws.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = ws.stream().map(w -> w.id).toList();
        Map<UUID, long[]> workers = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                        select workshop_id, count(*), count(distinct household_id) from workshop_worker
                        where workshop_id in (:ids) and until is null group by workshop_id""")
                .setParameter("ids", ids).getResultList()) {
            Object[] r = (Object[]) o;
            workers.put((UUID) r[0], new long[]{((Number) r[1]).longValue(), ((Number) r[2]).longValue()});
        }
        Map<UUID, BigDecimal> orders = sums("workshop_order", ids);
        Map<UUID, BigDecimal> subsidies = sums("workshop_subsidy", ids);
        Map<String, String> siteNames = new HashMap<>();
        for (Object o : em.createNativeQuery("select code, name from registry_site where code in (:codes)")
                .setParameter("codes", ws.stream().map(w -> w.siteCode).distinct().toList()).getResultList()) {
            Object[] r = (Object[]) o;
            siteNames.put((String) r[0], (String) r[1]);
        }
        return ws.stream().map(w -> {
            long[] c = workers.getOrDefault(w.id, new long[]{0, 0});
            return new WorkshopView(w.id, w.version, w.name, w.siteCode, siteNames.get(w.siteCode), w.regionCode,
                    w.operator, w.products, w.jobs, w.openedOn, w.status, w.status.label(), w.lastQuarter, c[0], c[1],
                    orders.getOrDefault(w.id, BigDecimal.ZERO), subsidies.getOrDefault(w.id, BigDecimal.ZERO),
                    w.createdAt, w.createdBy);
        }).toList();
    }

    private Map<UUID, BigDecimal> sums(String table, List<UUID> ids) {
        Map<UUID, BigDecimal> m = new HashMap<>();
        for (Object o : em.createNativeQuery("select workshop_id, sum(amount) from " + table
                + " where workshop_id in (:ids) group by workshop_id").setParameter("ids", ids).getResultList()) {
            Object[] r = (Object[]) o;
            m.put((UUID) r[0], (BigDecimal) r[1]);
        }
        return m;
    }

    // ---------------------------------------------------------------- workers

    public record Person(UUID id, UUID householdId, String householdNo, String regionCode, String siteCode,
                         String status) {
    }

    /** A person of the registry copy whose household is in the caller's scope (404 otherwise). */
    public Person person(UUID personId) {
        @SuppressWarnings("unchecked")
        List<Tuple> r = em.createNativeQuery("""
                        select p.id, p.household_id, h.household_no, h.region_code, h.site_code, p.status
                        from registry_person p join registry_household h on h.id = p.household_id where p.id = ?1""", Tuple.class)
                .setParameter(1, personId).getResultList();
        if (r.isEmpty() || !scope.allows(r.get(0).get("region_code", String.class), r.get(0).get("site_code", String.class))) {
            throw DomainException.notFound("person", personId);
        }
        Tuple t = r.get(0);
        return new Person(t.get("id", UUID.class), t.get("household_id", UUID.class), t.get("household_no", String.class),
                t.get("region_code", String.class), t.get("site_code", String.class), t.get("status", String.class));
    }

    /** Records that a relocated person works at the workshop (called by the link service: a workshop job is a link). */
    public UUID hire(UUID workshopId, Person p, String post, LocalDate since) {
        Workshop w = visible(workshopId);
        if (w.status == Status.CLOSED) {
            throw DomainException.conflict("workshop-closed", "the workshop is closed; it employs nobody");
        }
        if (!"ACTIVE".equals(p.status())) {
            throw DomainException.unprocessable("person-not-active", "the person is " + p.status() + " in the registry");
        }
        if (since.isBefore(w.openedOn)) {
            throw DomainException.invalid("since", "before the workshop opened (" + w.openedOn + ")");
        }
        Long active = ((Number) em.createNativeQuery(
                        "select count(*) from workshop_worker where workshop_id = ?1 and person_id = ?2 and until is null")
                .setParameter(1, workshopId).setParameter(2, p.id()).getSingleResult()).longValue();
        if (active > 0) {
            throw DomainException.conflict("already-working", "the person already works at this workshop");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into workshop_worker (id, workshop_id, person_id, household_id, post, since, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, workshopId).setParameter(3, p.id()).setParameter(4, p.householdId())
                .setParameter(5, post).setParameter(6, since).setParameter(7, scope.actor())
                .setParameter(8, OffsetDateTime.now()).executeUpdate();
        return id;
    }

    public WorkerView workerLeft(UUID workshopId, UUID workerId, WorkshopDtos.WorkerLeft req) {
        visible(workshopId);
        int n = em.createNativeQuery("""
                        update workshop_worker set until = ?1, left_reason = ?2
                        where id = ?3 and workshop_id = ?4 and until is null and since <= ?1""")
                .setParameter(1, req.until()).setParameter(2, req.reason()).setParameter(3, workerId)
                .setParameter(4, workshopId).executeUpdate();
        if (n == 0) {
            WorkerView existing = workerRows(ListQuery.where("w.id = :id").param("id", workerId).and("w.workshop_id = :ws")
                    .param("ws", workshopId), new PageRequest(0, 1)).items().stream().findFirst()
                    .orElseThrow(() -> DomainException.notFound("worker", workerId));
            if (existing.until() != null) {
                throw DomainException.conflict("worker-left", "the worker already left on " + existing.until());
            }
            throw DomainException.invalid("until", "before the worker started (" + existing.since() + ")");
        }
        return workerRows(ListQuery.where("w.id = :id").param("id", workerId), new PageRequest(0, 1)).items().get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<WorkerView> workers(UUID workshopId, boolean includeLeft, PageRequest page) {
        visible(workshopId);
        PageResult<WorkerView> p = workerRows(ListQuery.where("w.workshop_id = :ws").param("ws", workshopId)
                .andIf(!includeLeft, "w.until is null"), page);
        audit.list("workshop-worker", p.items().stream().map(WorkerView::householdId).distinct().toList(), false,
                "workshop=" + workshopId);
        return p;
    }

    private PageResult<WorkerView> workerRows(ListQuery q, PageRequest page) {
        return q.nativePage(em, """
                        w.id, w.workshop_id, w.person_id, w.household_id, h.household_no, p.name, p.id_number_masked,
                        w.post, w.since, w.until, w.left_reason""",
                "workshop_worker w join registry_person p on p.id = w.person_id join registry_household h on h.id = w.household_id",
                "w.until nulls first, h.household_no, w.id", page, t -> new WorkerView(t.get("id", UUID.class),
                        t.get("workshop_id", UUID.class), t.get("person_id", UUID.class), t.get("household_id", UUID.class),
                        t.get("household_no", String.class), t.get("name", String.class),
                        t.get("id_number_masked", String.class), t.get("post", String.class), date(t.get("since")),
                        date(t.get("until")), t.get("left_reason", String.class)));
    }

    // ---------------------------------------------------------------- orders and subsidies

    public OrderView addOrder(UUID workshopId, WorkshopDtos.NewOrder req) {
        Workshop w = visible(workshopId);
        if (w.status == Status.CLOSED) {
            throw DomainException.conflict("workshop-closed", "the workshop is closed");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into workshop_order (id, workshop_id, buyer, description, amount, ordered_on, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, workshopId).setParameter(3, req.buyer()).setParameter(4, req.description())
                .setParameter(5, req.amount()).setParameter(6, req.orderedOn()).setParameter(7, scope.actor())
                .setParameter(8, OffsetDateTime.now()).executeUpdate();
        return new OrderView(id, workshopId, req.buyer(), req.description(), req.amount(), req.orderedOn(), scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<OrderView> orders(UUID workshopId, PageRequest page) {
        visible(workshopId);
        return ListQuery.where("o.workshop_id = :ws").param("ws", workshopId).nativePage(em,
                "o.id, o.workshop_id, o.buyer, o.description, o.amount, o.ordered_on, o.recorded_by", "workshop_order o",
                "o.ordered_on desc, o.id", page, t -> new OrderView(t.get("id", UUID.class), t.get("workshop_id", UUID.class),
                        t.get("buyer", String.class), t.get("description", String.class), t.get("amount", BigDecimal.class),
                        date(t.get("ordered_on")), t.get("recorded_by", String.class)));
    }

    public SubsidyView addSubsidy(UUID workshopId, WorkshopDtos.NewSubsidy req) {
        visible(workshopId);
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into workshop_subsidy (id, workshop_id, kind, amount, granted_on, note, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, workshopId).setParameter(3, req.kind().name()).setParameter(4, req.amount())
                .setParameter(5, req.grantedOn()).setParameter(6, req.note()).setParameter(7, scope.actor())
                .setParameter(8, OffsetDateTime.now()).executeUpdate();
        return new SubsidyView(id, workshopId, req.kind(), req.kind().label(), req.amount(), req.grantedOn(), req.note(), scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<SubsidyView> subsidies(UUID workshopId, PageRequest page) {
        visible(workshopId);
        return ListQuery.where("s.workshop_id = :ws").param("ws", workshopId).nativePage(em,
                "s.id, s.workshop_id, s.kind, s.amount, s.granted_on, s.note, s.recorded_by", "workshop_subsidy s",
                "s.granted_on desc, s.id", page, t -> {
                    WorkshopEnums.SubsidyKind k = WorkshopEnums.SubsidyKind.valueOf(t.get("kind", String.class));
                    return new SubsidyView(t.get("id", UUID.class), t.get("workshop_id", UUID.class), k, k.label(),
                            t.get("amount", BigDecimal.class), date(t.get("granted_on")), t.get("note", String.class),
                            t.get("recorded_by", String.class));
                });
    }

    // ---------------------------------------------------------------- quarterly checks

    public CheckView check(UUID workshopId, WorkshopDtos.NewCheck req) {
        Workshop w = visible(workshopId);
        Quarter q = Quarter.parse(req.quarter());
        LocalDate today = LocalDate.now();
        if (q.start().isAfter(today)) {
            throw DomainException.invalid("quarter", "quarter " + q + " has not started yet");
        }
        if (q.end().isBefore(w.openedOn)) {
            throw DomainException.invalid("quarter", "the workshop opened on " + w.openedOn + ", after " + q);
        }
        if (req.checkedOn().isBefore(q.start())) {
            throw DomainException.invalid("checkedOn", "before quarter " + q + " began");
        }
        if (w.status == Status.CLOSED) {
            throw DomainException.conflict("workshop-closed", "the workshop was closed (check of " + w.lastQuarter + "); no more checks");
        }
        Long done = ((Number) em.createNativeQuery("select count(*) from workshop_check where workshop_id = ?1 and quarter = ?2")
                .setParameter(1, workshopId).setParameter(2, q.toString()).getSingleResult()).longValue();
        if (done > 0) {
            throw DomainException.conflict("check-exists", "quarter " + q + " was already checked");
        }
        long active = activeWorkers(workshopId);
        int relocated = req.relocatedWorkers() == null ? (int) active : req.relocatedWorkers();
        if (relocated > req.workers()) {
            throw DomainException.invalid("relocatedWorkers", "more relocated workers (" + relocated + ") than workers (" + req.workers() + ")");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into workshop_check (id, workshop_id, quarter, status, workers, relocated_workers, income,
                          checked_on, checked_by, note, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, id).setParameter(2, workshopId).setParameter(3, q.toString()).setParameter(4, req.status().name())
                .setParameter(5, req.workers()).setParameter(6, relocated).setParameter(7, req.income())
                .setParameter(8, req.checkedOn()).setParameter(9, scope.actor()).setParameter(10, req.note())
                .setParameter(11, OffsetDateTime.now()).executeUpdate();
        List<UUID> withoutEarner = List.of();
        boolean latest = w.lastQuarter == null || q.compareTo(Quarter.parse(w.lastQuarter)) >= 0;
        if (latest) {
            Status before = w.status;
            w.lastQuarter = q.toString();
            w.status = req.status();
            w.updatedAt = OffsetDateTime.now();
            if (req.status().stopped() && req.status() != before) {
                withoutEarner = householdsWithoutOtherEarner(workshopId);
                em.flush();
                outbox.publish(Topics.INDUSTRY, w.id, new WorkshopStopped(w.id, w.name, w.siteCode, w.regionCode,
                        req.status().name(), q.toString(), req.checkedOn(), (int) active, withoutEarner));
                LOG.infof("workshop %s %s in %s: %d workers, %d households left without an earner", w.id, req.status(), q,
                        active, withoutEarner.size());
                if (req.status() == Status.CLOSED) {
                    em.createNativeQuery("""
                                    update workshop_worker set until = greatest(since, ?1), left_reason = '帮扶车间关闭 workshop closed'
                                    where workshop_id = ?2 and until is null""")
                            .setParameter(1, req.checkedOn()).setParameter(2, workshopId).executeUpdate();
                }
            }
        }
        return new CheckView(id, workshopId, q.toString(), req.status(), req.status().label(), req.workers(), relocated,
                req.income(), req.checkedOn(), scope.actor(), req.note(), withoutEarner);
    }

    private long activeWorkers(UUID workshopId) {
        return ((Number) em.createNativeQuery("select count(*) from workshop_worker where workshop_id = ?1 and until is null")
                .setParameter(1, workshopId).getSingleResult()).longValue();
    }

    /**
     * Households with a member working at this workshop and nobody else earning: no other active member employed by
     * the registry copy, and no member working at another workshop that still operates.
     */
    @SuppressWarnings("unchecked")
    List<UUID> householdsWithoutOtherEarner(UUID workshopId) {
        return em.createNativeQuery("""
                        select distinct w.household_id from workshop_worker w
                        where w.workshop_id = :ws and w.until is null
                          and not exists (select 1 from registry_person p
                                where p.household_id = w.household_id and p.status = 'ACTIVE'
                                  and p.employment_status in (:employed)
                                  and not exists (select 1 from workshop_worker x
                                        where x.person_id = p.id and x.workshop_id = :ws and x.until is null))
                          and not exists (select 1 from workshop_worker o join workshop ow on ow.id = o.workshop_id
                                where o.household_id = w.household_id and o.workshop_id <> :ws and o.until is null
                                  and ow.status in ('OPERATING', 'REDUCED'))
                        order by 1""")
                .setParameter("ws", workshopId)
                .setParameter("employed", EmploymentStatus.employedStatuses().stream().map(Enum::name).toList())
                .getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<CheckView> checks(UUID workshopId, PageRequest page) {
        visible(workshopId);
        return ListQuery.where("c.workshop_id = :ws").param("ws", workshopId).nativePage(em,
                "c.id, c.workshop_id, c.quarter, c.status, c.workers, c.relocated_workers, c.income, c.checked_on, c.checked_by, c.note",
                "workshop_check c", "c.quarter desc", page, WorkshopService::checkView);
    }

    private static CheckView checkView(Tuple t) {
        Status s = Status.valueOf(t.get("status", String.class));
        return new CheckView(t.get("id", UUID.class), t.get("workshop_id", UUID.class), t.get("quarter", String.class), s,
                s.label(), ((Number) t.get("workers")).intValue(), ((Number) t.get("relocated_workers")).intValue(),
                t.get("income", BigDecimal.class), date(t.get("checked_on")), t.get("checked_by", String.class),
                t.get("note", String.class), null);
    }

    /**
     * Workshops (not closed, opened by the end of the due quarter) without a check for the latest quarter whose
     * check is due by {@code asOf} ({@link Quarter#due}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<OverdueCheck> overdue(LocalDate asOf, String siteCode, String regionCode, PageRequest page) {
        int grace = config.workshopCheckGraceDays();
        Quarter due = Quarter.due(asOf, grace);
        LocalDate dueBy = due.end().plusDays(grace);
        long days = ChronoUnit.DAYS.between(dueBy, asOf);
        return ListQuery.scoped(scope.filter("w.region_code", "w.site_code"))
                .and("w.status <> 'CLOSED'")
                .and("w.opened_on <= :dueEnd").param("dueEnd", due.end())
                .and("not exists (select 1 from workshop_check c where c.workshop_id = w.id and c.quarter = :due)")
                .param("due", due.toString())
                .and("w.site_code = :site", "site", siteCode)
                .and("w.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .nativePage(em, "w.id, w.name, w.site_code, w.region_code, w.status, w.last_quarter", "workshop w",
                        "w.last_quarter nulls first, w.region_code, w.site_code, w.name", page,
                        t -> new OverdueCheck(t.get("id", UUID.class), t.get("name", String.class),
                                t.get("site_code", String.class), t.get("region_code", String.class),
                                Status.valueOf(t.get("status", String.class)), t.get("last_quarter", String.class),
                                due.toString(), dueBy, days));
    }

    /** Rows of the check ledger (车间季度监测台账) in scope: every check, none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> checkLedger(String quarter, String siteCode, String regionCode) {
        ListQuery q = ListQuery.scoped(scope.filter("w.region_code", "w.site_code"))
                .and("c.quarter = :quarter", "quarter", quarter)
                .and("w.site_code = :site", "site", siteCode)
                .and("w.region_code like :region", "region", regionCode == null ? null : regionCode + "%");
        Query rows = em.createNativeQuery("""
                select w.name, w.site_code, s.name as site_name, w.region_code, w.operator, w.products, w.jobs, c.quarter,
                  c.status, c.workers, c.relocated_workers, c.income, c.checked_on, c.checked_by, c.note
                from workshop_check c join workshop w on w.id = c.workshop_id
                left join lateral (select name from registry_site rs where rs.code = w.site_code order by version desc limit 1) s on true
                where""" + " " + q.where() + " order by w.region_code, w.site_code, w.name, c.quarter");
        q.params().forEach(rows::setParameter);
        List<Object[]> out = rows.getResultList();
        return out.stream().map(r -> new Object[]{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                Status.valueOf((String) r[8]).label(), r[9], r[10], r[11], str(r[12]), r[13], r[14]}).collect(Collectors.toList());
    }

    static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
