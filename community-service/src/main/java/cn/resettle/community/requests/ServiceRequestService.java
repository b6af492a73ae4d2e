package cn.resettle.community.requests;

import static cn.resettle.common.web.SqlValues.time;

import cn.resettle.common.events.CommunityEvents.ServiceRequestFiled;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.HouseholdService;
import cn.resettle.community.requests.RequestEnums.Action;
import cn.resettle.community.requests.RequestEnums.Category;
import cn.resettle.community.requests.RequestEnums.Channel;
import cn.resettle.community.requests.RequestEnums.Level;
import cn.resettle.community.requests.RequestEnums.MediationOutcome;
import cn.resettle.community.requests.RequestEnums.Status;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import static cn.resettle.community.requests.RequestDtos.*;

/**
 * One-stop service requests: filing (by the resident for their own household, or by staff on a household's behalf),
 * routing to the category's department with the step's deadline, acceptance, answer, the resident's rating or
 * reopening, and escalation of overdue requests (site → township → county) by {@link EscalationJob}.
 * Every state change is one update conditioned on the version the caller read and on the status it requires, so two
 * concurrent acceptances give one success and one 409.
 */
@ApplicationScoped
@Transactional
public class ServiceRequestService {

    private static final Logger LOG = Logger.getLogger(ServiceRequestService.class);
    static final String OPEN = "r.status in ('SUBMITTED', 'ACCEPTED')";
    static final String COLUMNS = """
            r.id, r.version, r.request_no, r.category, r.household_id, r.household_no, r.site_code, r.region_code, r.title,
            r.description, cast(r.parties as text) as parties, r.channel, r.filed_by, r.department, r.status, r.level,
            r.due_at, r.escalated_at, r.answer, r.mediation_outcome, r.answered_by, r.answered_at, r.rating,
            r.rating_comment, r.closed_at, r.reopen_count, r.address, r.lat, r.lon, r.created_at, r.updated_at""";

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    HouseholdService households;
    @Inject
    Outbox outbox;
    @Inject
    RequestConfig config;
    @Inject
    ObjectMapper json;

    /** Only the resident role (no staff role): such a caller files and sees only their own household's requests. */
    public boolean residentOnly() {
        return scope.hasRole(Roles.RESIDENT) && !scope.hasRole(Roles.COUNTY_ADMIN) && !scope.hasRole(Roles.TOWNSHIP_OFFICIAL)
                && !scope.hasRole(Roles.SITE_WORKER) && !scope.hasRole(Roles.CIVIL_AFFAIRS_OFFICER)
                && !scope.hasRole(Roles.EMPLOYMENT_OFFICER) && !scope.hasRole(Roles.SYSTEM);
    }

    public RequestView file(FileRequest req, Channel staffChannel) {
        return file(req, staffChannel, null, null, null, null);
    }

    public RequestView file(FileRequest req, Channel staffChannel, String householdNo, String address, BigDecimal lat,
                            BigDecimal lon) {
        Household h;
        Channel channel;
        if (residentOnly()) {
            h = ownHousehold();
            if ((req.householdId() != null && !req.householdId().equals(h.id))
                    || (householdNo != null && !householdNo.equals(h.householdNo))) {
                throw DomainException.forbidden("residents file requests for their own household only");
            }
            channel = Channel.RESIDENT;
        } else {
            if (req.householdId() != null) {
                h = households.visible(req.householdId());
            } else if (householdNo != null) {
                h = Household.findByNo(householdNo).filter(x -> scope.allows(x.regionCode, x.siteCode))
                        .orElseThrow(() -> DomainException.notFound("household", householdNo));
            } else {
                throw DomainException.invalid("householdId", "must name the household the request is for");
            }
            channel = staffChannel;
        }
        Category category = req.category();
        List<String> parties = req.parties() == null ? List.of() : req.parties();
        if (category == Category.DISPUTE && parties.size() < 2) {
            throw DomainException.invalid("parties", "a dispute names at least two parties (当事人)");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime due = now.plus(config.acceptWithin(category));
        // a dispersed household has no site: its requests start at the township
        Level level = h.siteCode == null ? Level.TOWNSHIP : Level.SITE;
        String department = config.departmentOf(category);
        UUID id = UUID.randomUUID();
        long seq = ((Number) em.createNativeQuery("select nextval('service_request_no_seq')").getSingleResult()).longValue();
        String requestNo = "SQ" + now.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%06d", seq % 1_000_000);
        em.createNativeQuery("""
                        insert into service_request (id, version, request_no, category, household_id, household_no, site_code,
                          region_code, title, description, parties, channel, filed_by, department, status, level, due_at,
                          address, lat, lon, created_at, updated_at)
                        values (:id, 0, :no, :category, :household, :householdNo, :site, :region, :title, :description,
                          cast(:parties as jsonb), :channel, :actor, :department, 'SUBMITTED', :level, :due, :address, :lat,
                          :lon, :now, :now)""")
                .setParameter("id", id).setParameter("no", requestNo).setParameter("category", category.name())
                .setParameter("household", h.id).setParameter("householdNo", h.householdNo).setParameter("site", h.siteCode)
                .setParameter("region", h.regionCode).setParameter("title", req.title()).setParameter("description", req.description())
                .setParameter("parties", parties.isEmpty() ? null : write(parties)).setParameter("channel", channel.name())
                .setParameter("actor", scope.actor()).setParameter("department", department).setParameter("level", level.name())
                .setParameter("due", due).setParameter("address", address).setParameter("lat", lat).setParameter("lon", lon)
                .setParameter("now", now).executeUpdate();
        step(id, Action.FILED, level, "分派至 " + department, scope.actor(), now, due);
        outbox.publish(Topics.COMMUNITY, h.id, new ServiceRequestFiled(id, requestNo, h.id, h.householdNo, h.regionCode,
                h.siteCode, category.name(), department, level.name(), due, now));
        LOG.infof("service request %s filed (%s) for household %s, due %s", id, category, h.id, due);
        return get(id);
    }

    public RequestView accept(UUID id, long version) {
        RequestView r = get(id);
        require(r, version, Status.SUBMITTED);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime due = now.plus(config.answerWithin(r.category()));
        transition(id, version, "status = 'ACCEPTED', due_at = :due", due, Status.SUBMITTED);
        step(id, Action.ACCEPTED, r.level(), null, scope.actor(), now, due);
        return get(id);
    }

    public RequestView answer(UUID id, AnswerRequest req) {
        RequestView r = get(id);
        require(r, req.version(), Status.SUBMITTED, Status.ACCEPTED);
        if (r.category() == Category.DISPUTE && req.mediationOutcome() == null) {
            throw DomainException.invalid("mediationOutcome", "a dispute is answered with the outcome of the mediation");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Query q = em.createNativeQuery("update service_request set status = 'ANSWERED', due_at = null, answer = :answer, "
                        + "mediation_outcome = :outcome, answered_by = :actor, answered_at = :now, updated_at = :now, "
                        + "version = version + 1 where id = :id and version = :version and status in ('SUBMITTED', 'ACCEPTED')")
                .setParameter("answer", req.answer())
                .setParameter("outcome", req.mediationOutcome() == null ? null : req.mediationOutcome().name())
                .setParameter("actor", scope.actor()).setParameter("now", now).setParameter("id", id)
                .setParameter("version", req.version());
        if (q.executeUpdate() == 0) {
            throw stale();
        }
        step(id, Action.ANSWERED, r.level(), req.answer(), scope.actor(), now, null);
        return get(id);
    }

    public RequestView close(UUID id, CloseRequest req) {
        RequestView r = get(id);
        require(r, req.version(), Status.ANSWERED);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = em.createNativeQuery("update service_request set status = 'CLOSED', rating = :rating, "
                        + "rating_comment = :comment, closed_at = :now, updated_at = :now, version = version + 1 "
                        + "where id = :id and version = :version and status = 'ANSWERED'")
                .setParameter("rating", req.rating()).setParameter("comment", req.comment()).setParameter("now", now)
                .setParameter("id", id).setParameter("version", req.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        step(id, Action.CLOSED, r.level(), "满意度 " + req.rating() + (req.comment() == null ? "" : ": " + req.comment()),
                scope.actor(), now, null);
        return get(id);
    }

    public RequestView reopen(UUID id, ReopenRequest req) {
        RequestView r = get(id);
        require(r, req.version(), Status.ANSWERED);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime due = now.plus(config.acceptWithin(r.category()));
        int updated = em.createNativeQuery("update service_request set status = 'SUBMITTED', due_at = :due, "
                        + "reopen_count = reopen_count + 1, updated_at = :now, version = version + 1 "
                        + "where id = :id and version = :version and status = 'ANSWERED'")
                .setParameter("due", due).setParameter("now", now).setParameter("id", id)
                .setParameter("version", req.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        step(id, Action.REOPENED, r.level(), req.reason(), scope.actor(), now, due);
        return get(id);
    }

    /**
     * Moves every open request past its step's deadline one level up (site → township → county) with the step's
     * time again from now; at the county it stays overdue. {@code for update skip locked}: replicas running the job
     * at once never escalate a request twice. Returns how many were escalated.
     */
    public int escalateOverdue() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        @SuppressWarnings("unchecked")
        List<Tuple> due = em.createNativeQuery("""
                        select id, category, status, level from service_request
                        where status in ('SUBMITTED', 'ACCEPTED') and level <> 'COUNTY' and due_at < :now
                        order by due_at limit :batch for update skip locked""", Tuple.class)
                .setParameter("now", now).setParameter("batch", config.escalationBatch()).getResultList();
        for (Tuple t : due) {
            UUID id = t.get("id", UUID.class);
            Category category = Category.valueOf(t.get("category", String.class));
            Status status = Status.valueOf(t.get("status", String.class));
            Level level = Level.valueOf(t.get("level", String.class)).next();
            OffsetDateTime next = now.plus(status == Status.SUBMITTED ? config.acceptWithin(category) : config.answerWithin(category));
            em.createNativeQuery("update service_request set level = :level, due_at = :due, escalated_at = :now, "
                            + "updated_at = :now, version = version + 1 where id = :id")
                    .setParameter("level", level.name()).setParameter("due", next).setParameter("now", now)
                    .setParameter("id", id).executeUpdate();
            step(id, Action.ESCALATED, level, "逾期未" + (status == Status.SUBMITTED ? "受理" : "答复") + "，升级至" + level.label(),
                    EscalationJob.ACTOR, now, next);
        }
        if (!due.isEmpty()) {
            LOG.infof("escalated %d overdue service requests", due.size());
        }
        return due.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<RequestView> list(RequestFilter f, PageRequest page) {
        ListQuery q = scoped()
                .and("r.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("r.category = :category", "category", f.category() == null ? null : f.category().name())
                .and("r.level = :level", "level", f.level() == null ? null : f.level().name())
                .and("r.site_code = :site", "site", f.siteCode())
                .and("r.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("r.household_id = :household", "household", f.householdId())
                .and("r.created_at >= :from", "from", f.from() == null ? null : f.from().atStartOfDay().atOffset(ZoneOffset.UTC))
                .and("r.created_at < :to", "to", f.to() == null ? null : f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .andIf(Boolean.TRUE.equals(f.open()), OPEN)
                .andIf(Boolean.FALSE.equals(f.open()), "r.status in ('ANSWERED', 'CLOSED')");
        if (Boolean.TRUE.equals(f.overdue())) {
            q.and(OPEN).and("r.due_at < :now", "now", OffsetDateTime.now(ZoneOffset.UTC));
        }
        boolean byDeadline = Boolean.TRUE.equals(f.overdue()) || Boolean.TRUE.equals(f.open())
                || (f.status() != null && f.status().open());
        return q.nativePage(em, COLUMNS, "service_request r", byDeadline ? "r.due_at, r.id" : "r.created_at desc, r.id",
                page, this::view);
    }

    /** One request in the caller's scope (a resident: their own household's), with its history; 404 otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestView get(UUID id) {
        ListQuery q = scoped().and("r.id = :id", "id", id);
        Query rows = em.createNativeQuery("select " + COLUMNS + " from service_request r where " + q.where(), Tuple.class);
        q.params().forEach(rows::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> found = rows.getResultList();
        if (found.isEmpty()) {
            throw DomainException.notFound("service request", id);
        }
        return view(found.get(0));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StepView> steps(UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select action, level, note, actor, at, due_at from service_request_step "
                + "where request_id = :id order by id", Tuple.class).setParameter("id", id).getResultList();
        return rows.stream().map(t -> new StepView(Action.valueOf(t.get("action", String.class)),
                Level.valueOf(t.get("level", String.class)), t.get("note", String.class), t.get("actor", String.class),
                time(t.get("at")), time(t.get("due_at")))).toList();
    }

    /** The caller's rows: a resident's own household, staff their region or sites. */
    ListQuery scoped() {
        if (residentOnly()) {
            String own = scope.householdNo();
            return own == null ? ListQuery.where("1 = 0") : ListQuery.where("r.household_no = :own").param("own", own);
        }
        return ListQuery.scoped(scope.filter("r.region_code", "r.site_code"));
    }

    RequestView view(Tuple t) {
        Status status = Status.valueOf(t.get("status", String.class));
        OffsetDateTime due = time(t.get("due_at"));
        String outcome = t.get("mediation_outcome", String.class);
        Number rating = t.get("rating", Number.class);
        Category category = Category.valueOf(t.get("category", String.class));
        return new RequestView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(),
                t.get("request_no", String.class), category, category == Category.DISPUTE ? "DISPUTE" : "REQUEST",
                t.get("household_id", UUID.class), t.get("household_no", String.class), t.get("site_code", String.class),
                t.get("region_code", String.class), t.get("title", String.class), t.get("description", String.class),
                read(t.get("parties", String.class)), Channel.valueOf(t.get("channel", String.class)),
                t.get("filed_by", String.class), t.get("department", String.class), status,
                Level.valueOf(t.get("level", String.class)), due,
                status.open() && due != null && due.isBefore(OffsetDateTime.now()), time(t.get("escalated_at")),
                t.get("answer", String.class), outcome == null ? null : MediationOutcome.valueOf(outcome),
                t.get("answered_by", String.class), time(t.get("answered_at")), rating == null ? null : rating.intValue(),
                t.get("rating_comment", String.class), time(t.get("closed_at")), ((Number) t.get("reopen_count")).intValue(),
                t.get("address", String.class), t.get("lat", BigDecimal.class), t.get("lon", BigDecimal.class),
                time(t.get("created_at")), time(t.get("updated_at")));
    }

    private Household ownHousehold() {
        String own = scope.householdNo();
        if (own == null) {
            throw DomainException.forbidden("your account is not linked to a household");
        }
        return Household.findByNo(own)
                .orElseThrow(() -> DomainException.unprocessable("household-unknown", "household " + own + " is not in the registry"));
    }

    private void require(RequestView r, long version, Status... allowed) {
        if (r.version() != version) {
            throw stale();
        }
        for (Status s : allowed) {
            if (r.status() == s) {
                return;
            }
        }
        throw new DomainException(422, "request-status", "状态不允许 Not allowed in this state",
                "the request is " + r.status() + " (" + r.status().label() + "); this step needs " + List.of(allowed));
    }

    private void transition(UUID id, long version, String set, OffsetDateTime due, Status from) {
        int updated = em.createNativeQuery("update service_request set " + set + ", updated_at = :now, version = version + 1 "
                        + "where id = :id and version = :version and status = :from")
                .setParameter("due", due).setParameter("now", OffsetDateTime.now(ZoneOffset.UTC)).setParameter("id", id)
                .setParameter("version", version).setParameter("from", from.name()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
    }

    private void step(UUID id, Action action, Level level, String note, String actor, OffsetDateTime at, OffsetDateTime due) {
        em.createNativeQuery("insert into service_request_step (request_id, action, level, note, actor, at, due_at) "
                        + "values (:id, :action, :level, :note, :actor, :at, :due)")
                .setParameter("id", id).setParameter("action", action.name()).setParameter("level", level.name())
                .setParameter("note", note).setParameter("actor", actor).setParameter("at", at).setParameter("due", due)
                .executeUpdate();
    }

    static DomainException stale() {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the request was changed by someone else since you read it; reload it");
    }

    private String write(List<String> parties) {
        try {
            return json.writeValueAsString(parties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String parties) {
        if (parties == null) {
            return List.of();
        }
        try {
            return json.readValue(parties, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
