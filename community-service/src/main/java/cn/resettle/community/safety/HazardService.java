package cn.resettle.community.safety;

import static cn.resettle.common.web.SqlValues.date;
import static cn.resettle.common.web.SqlValues.time;

import cn.resettle.common.events.CommunityEvents.HazardRecorded;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Household;
import cn.resettle.community.safety.SafetyEnums.Category;
import cn.resettle.community.safety.SafetyEnums.Severity;
import cn.resettle.community.safety.SafetyEnums.Status;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The safety hazards of a site (安全隐患台账), from the monthly inspection or recorded on their own, each followed
 * up until it is removed: owner, deadline, follow-ups, closed with evidence. Recording one warns monitoring
 * ({@code hazard.recorded.v1}: the affected households are flagged there).
 */
@ApplicationScoped
@Transactional
public class HazardService {

    /** {@code owner} (整改责任人) defaults to the recorder, {@code dueOn} to the severity's configured days. */
    public record HazardRequest(@NotNull UUID siteId, @NotNull Category category, @NotNull Severity severity,
                                @NotBlank @Size(max = 500) String description, @Size(max = 100) List<@NotNull UUID> householdIds,
                                @NotNull @PastOrPresent LocalDate recordedOn, @Size(max = 100) String owner, LocalDate dueOn) {
    }

    public record HazardView(UUID id, long version, UUID siteId, String siteCode, String regionCode, UUID inspectionId,
                             Category category, Severity severity, String description, List<UUID> householdIds,
                             Status status, LocalDate recordedOn, String recordedBy, String owner, LocalDate dueOn,
                             boolean overdue, LocalDate removedOn, String evidence, String closedBy, OffsetDateTime closedAt) {
    }

    /** A follow-up visit (跟踪督办): what was done; may hand the hazard to a new owner or set a new deadline. */
    public record FollowUpRequest(@NotNull Long version, @NotBlank @Size(max = 1000) String note,
                                  @NotNull @PastOrPresent LocalDate followedOn, @Size(max = 100) String owner,
                                  LocalDate dueOn) {
    }

    /** The hazard is gone: how it was removed, with the evidence (photos' references, acceptance record). */
    public record CloseRequest(@NotNull Long version, @NotBlank @Size(max = 2000) String evidence,
                               @NotNull @PastOrPresent LocalDate removedOn) {
    }

    public record FollowUpView(LocalDate followedOn, String note, String owner, LocalDate dueOn, String actor,
                               OffsetDateTime at) {
    }

    public record HazardDetail(HazardView hazard, List<FollowUpView> followUps) {
    }

    public record HazardFilter(Status status, Category category, Severity severity, String siteCode, String regionCode,
                               Boolean overdue, UUID inspectionId) {
    }

    static final String COLUMNS = """
            h.id, h.version, h.site_id, h.site_code, h.region_code, h.inspection_id, h.category, h.severity, h.description,
            h.household_ids, h.status, h.recorded_on, h.recorded_by, h.owner, h.due_on, h.resolved_on, h.evidence,
            h.closed_by, h.closed_at""";

    @Inject
    EntityManager em;
    @Inject
    SiteService sites;
    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;
    @Inject
    SafetyConfig config;

    public HazardView record(HazardRequest req) {
        return record(req, null);
    }

    HazardView record(HazardRequest req, UUID inspectionId) {
        Site site = sites.visible(req.siteId());
        return record(site, req, inspectionId, "");
    }

    HazardView record(Site site, HazardRequest req, UUID inspectionId, String fieldPrefix) {
        List<UUID> households = req.householdIds() == null ? List.of() : req.householdIds();
        for (UUID h : households) {
            Household hh = Household.findById(h);
            if (hh == null || !site.id.equals(hh.siteId)) {
                throw DomainException.invalid(fieldPrefix + "householdIds", "household " + h + " is not at site " + site.code);
            }
        }
        LocalDate due = req.dueOn() != null ? req.dueOn() : req.recordedOn().plusDays(config.removalDays(req.severity()));
        if (due.isBefore(req.recordedOn())) {
            throw DomainException.invalid(fieldPrefix + "dueOn", "the deadline cannot be before the hazard was recorded");
        }
        String owner = req.owner() == null || req.owner().isBlank() ? scope.actor() : req.owner();
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into safety_hazard (id, version, site_id, site_code, region_code, category, severity, description,
                          household_ids, status, recorded_on, recorded_by, created_at, inspection_id, owner, due_on, updated_at)
                        values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'OPEN', ?9, ?10, ?11, ?12, ?13, ?14, ?11)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.category().name()).setParameter(6, req.severity().name())
                .setParameter(7, req.description())
                .setParameter(8, households.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .setParameter(9, req.recordedOn()).setParameter(10, scope.actor()).setParameter(11, now)
                .setParameter(12, inspectionId).setParameter(13, owner).setParameter(14, due)
                .executeUpdate();
        outbox.publish(Topics.COMMUNITY, site.id, new HazardRecorded(id, site.id, site.code, site.townshipCode,
                req.category().name(), req.severity().name(), req.description(), households, req.recordedOn()));
        return get(id);
    }

    public HazardView followUp(UUID id, FollowUpRequest req) {
        HazardView h = open(id, req.version());
        if (req.followedOn().isBefore(h.recordedOn())) {
            throw DomainException.invalid("followedOn", "before the hazard was recorded");
        }
        if (req.dueOn() != null && req.dueOn().isBefore(h.recordedOn())) {
            throw DomainException.invalid("dueOn", "the deadline cannot be before the hazard was recorded");
        }
        int updated = em.createNativeQuery("update safety_hazard set owner = coalesce(?1, owner), due_on = coalesce(?2, due_on), "
                        + "updated_at = ?3, version = version + 1 where id = ?4 and version = ?5 and status = 'OPEN'")
                .setParameter(1, blankToNull(req.owner())).setParameter(2, req.dueOn()).setParameter(3, OffsetDateTime.now())
                .setParameter(4, id).setParameter(5, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        em.createNativeQuery("insert into safety_hazard_follow_up (hazard_id, followed_on, note, owner, due_on, actor, at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, id).setParameter(2, req.followedOn()).setParameter(3, req.note())
                .setParameter(4, blankToNull(req.owner())).setParameter(5, req.dueOn()).setParameter(6, scope.actor())
                .setParameter(7, OffsetDateTime.now()).executeUpdate();
        return get(id);
    }

    public HazardView close(UUID id, CloseRequest req) {
        HazardView h = open(id, req.version());
        if (req.removedOn().isBefore(h.recordedOn())) {
            throw DomainException.invalid("removedOn", "before the hazard was recorded");
        }
        int updated = em.createNativeQuery("update safety_hazard set status = 'REMOVED', resolved_on = ?1, evidence = ?2, "
                        + "closed_by = ?3, closed_at = ?4, updated_at = ?4, version = version + 1 "
                        + "where id = ?5 and version = ?6 and status = 'OPEN'")
                .setParameter(1, req.removedOn()).setParameter(2, req.evidence()).setParameter(3, scope.actor())
                .setParameter(4, OffsetDateTime.now()).setParameter(5, id).setParameter(6, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        return get(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<HazardView> list(HazardFilter f, PageRequest page) {
        ListQuery q = filtered(f);
        boolean open = f.status() == Status.OPEN || Boolean.TRUE.equals(f.overdue());
        return q.nativePage(em, COLUMNS, "safety_hazard h", open ? "h.due_on, h.id" : "h.recorded_on desc, h.id", page,
                HazardService::view);
    }

    /** The caller's hazards with the list's filters (also the ledger's rows). */
    ListQuery filtered(HazardFilter f) {
        ListQuery q = ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("h.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("h.category = :category", "category", f.category() == null ? null : f.category().name())
                .and("h.severity = :severity", "severity", f.severity() == null ? null : f.severity().name())
                .and("h.site_code = :site", "site", f.siteCode())
                .and("h.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("h.inspection_id = :inspection", "inspection", f.inspectionId());
        if (Boolean.TRUE.equals(f.overdue())) {
            q.and("h.status = 'OPEN'").and("h.due_on < :today", "today", LocalDate.now());
        }
        return q;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public HazardView get(UUID id) {
        ListQuery q = ListQuery.scoped(scope.filter("h.region_code", "h.site_code")).and("h.id = :id", "id", id);
        Query rows = em.createNativeQuery("select " + COLUMNS + " from safety_hazard h where " + q.where(), Tuple.class);
        q.params().forEach(rows::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> found = rows.getResultList();
        if (found.isEmpty()) {
            throw DomainException.notFound("hazard", id);
        }
        return view(found.get(0));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FollowUpView> followUps(UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select followed_on, note, owner, due_on, actor, at from safety_hazard_follow_up "
                + "where hazard_id = :id order by id", Tuple.class).setParameter("id", id).getResultList();
        return rows.stream().map(t -> new FollowUpView(date(t.get("followed_on")), t.get("note", String.class),
                t.get("owner", String.class), date(t.get("due_on")), t.get("actor", String.class), time(t.get("at")))).toList();
    }

    static HazardView view(Tuple t) {
        Status status = Status.valueOf(t.get("status", String.class));
        LocalDate due = date(t.get("due_on"));
        String ids = t.get("household_ids", String.class);
        return new HazardView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("site_id", UUID.class),
                t.get("site_code", String.class), t.get("region_code", String.class), t.get("inspection_id", UUID.class),
                Category.valueOf(t.get("category", String.class)), Severity.valueOf(t.get("severity", String.class)),
                t.get("description", String.class),
                ids == null || ids.isBlank() ? List.of() : Arrays.stream(ids.split(",")).map(UUID::fromString).toList(),
                status, date(t.get("recorded_on")), t.get("recorded_by", String.class), t.get("owner", String.class), due,
                status == Status.OPEN && due != null && due.isBefore(LocalDate.now()), date(t.get("resolved_on")),
                t.get("evidence", String.class), t.get("closed_by", String.class), time(t.get("closed_at")));
    }

    private HazardView open(UUID id, long version) {
        HazardView h = get(id);
        if (h.version() != version) {
            throw stale();
        }
        if (h.status() != Status.OPEN) {
            throw DomainException.unprocessable("hazard-removed", "the hazard was already removed on " + h.removedOn());
        }
        return h;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static DomainException stale() {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the hazard was changed by someone else since you read it; reload it");
    }
}
