package cn.resettle.industry.link;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.link.LinkDtos.Kind;
import cn.resettle.industry.link.LinkDtos.LinkView;
import cn.resettle.industry.tasks.IndustryTaskRouter;
import cn.resettle.industry.workshop.Workshop;
import cn.resettle.industry.workshop.WorkshopService;
import cn.resettle.tasks.AssistanceTask;
import cn.resettle.tasks.TaskDtos;
import cn.resettle.tasks.TaskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Links (联农带农): a household tied to a workshop job, a cooperative, a dividend or a lease. Recording one completes
 * the household's open or accepted INDUSTRY_LINK tasks through the task inbox's own completion (task.completed goes
 * to monitoring, which marks the plan's measure done), in the same transaction.
 */
@ApplicationScoped
@Transactional
public class LinkService {

    private static final Logger LOG = Logger.getLogger(LinkService.class);

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    WorkshopService workshops;
    @Inject
    TaskService tasks;
    @Inject
    PersonalDataAudit audit;

    public record Household(UUID id, String householdNo, String regionCode, String siteCode, String status) {
    }

    public LinkView record(LinkDtos.NewLink req) {
        UUID personId = req.personId();
        Household h;
        if (personId != null) {
            WorkshopService.Person p = workshops.person(personId);
            if (req.householdId() != null && !req.householdId().equals(p.householdId())) {
                throw DomainException.invalid("householdId", "the person belongs to another household");
            }
            h = household(p.householdId());
        } else if (req.householdId() != null) {
            h = household(req.householdId());
        } else {
            throw DomainException.invalid("householdId", "name the household (or the person)");
        }
        if (!"ACTIVE".equals(h.status())) {
            throw DomainException.unprocessable("household-not-active", "the household is " + h.status() + " in the registry");
        }
        String partner = req.partner() == null ? null : req.partner().trim();
        UUID workshopId = null;
        if (req.kind() == Kind.WORKSHOP_JOB) {
            if (personId == null) {
                throw DomainException.invalid("personId", "a workshop job names the person who works there");
            }
            if (req.workshopId() == null) {
                throw DomainException.invalid("workshopId", "a workshop job names the workshop");
            }
            if (req.post() == null || req.post().isBlank()) {
                throw DomainException.invalid("post", "a workshop job names the post");
            }
            Workshop w = workshops.visible(req.workshopId());
            workshops.hire(w.id, workshops.person(personId), req.post().trim(), req.since());
            workshopId = w.id;
            partner = w.name + " · " + req.post().trim();
        } else if (partner == null || partner.isBlank()) {
            throw DomainException.invalid("partner", "name the cooperative, asset or lessee");
        } else if (req.workshopId() != null) {
            throw DomainException.invalid("workshopId", "only a workshop job names a workshop");
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into household_link (id, household_id, household_no, region_code, site_code, kind, person_id,
                          workshop_id, partner, since, annual_income, note, recorded_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)""")
                .setParameter(1, id).setParameter(2, h.id()).setParameter(3, h.householdNo()).setParameter(4, h.regionCode())
                .setParameter(5, h.siteCode()).setParameter(6, req.kind().name()).setParameter(7, personId)
                .setParameter(8, workshopId).setParameter(9, truncate(partner, 100)).setParameter(10, req.since())
                .setParameter(11, req.annualIncome()).setParameter(12, req.note()).setParameter(13, scope.actor())
                .setParameter(14, now).executeUpdate();
        List<UUID> completed = completeLinkTasks(h.id(), req.kind(), truncate(partner, 100));
        LOG.infof("link %s (%s) recorded for household %s; %d industry-link tasks completed", id, req.kind(), h.householdNo(),
                completed.size());
        return new LinkView(id, h.id(), h.householdNo(), h.regionCode(), h.siteCode(), req.kind(), req.kind().label(),
                personId, workshopId, truncate(partner, 100), req.since(), req.annualIncome(), req.note(), scope.actor(), now,
                completed);
    }

    private List<UUID> completeLinkTasks(UUID householdId, Kind kind, String partner) {
        List<AssistanceTask> open = em.createQuery("""
                        select t from AssistanceTask t where t.householdId = :h and t.kind = :k and t.status in (:open)
                        order by t.createdAt""", AssistanceTask.class)
                .setParameter("h", householdId).setParameter("k", IndustryTaskRouter.INDUSTRY_LINK)
                .setParameter("open", List.of(AssistanceTask.Status.OPEN, AssistanceTask.Status.ACCEPTED)).getResultList();
        List<UUID> done = new ArrayList<>();
        for (AssistanceTask t : open) {
            tasks.complete(t.id, new TaskDtos.Complete(t.version, "已建立联农带农关系: " + kind.label() + " — " + partner));
            done.add(t.id);
        }
        return done;
    }

    /** The household from the registry copy, in the caller's scope (404 otherwise). */
    public Household household(UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> r = em.createNativeQuery("select id, household_no, region_code, site_code, status from registry_household where id = ?1",
                Tuple.class).setParameter(1, id).getResultList();
        if (r.isEmpty() || !scope.allows(r.get(0).get("region_code", String.class), r.get(0).get("site_code", String.class))) {
            throw DomainException.notFound("household", id);
        }
        Tuple t = r.get(0);
        return new Household(t.get("id", UUID.class), t.get("household_no", String.class), t.get("region_code", String.class),
                t.get("site_code", String.class), t.get("status", String.class));
    }

    public record Filter(UUID householdId, Kind kind, UUID workshopId, String siteCode, String regionCode) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<LinkView> list(Filter f, PageRequest page) {
        PageResult<LinkView> p = ListQuery.scoped(scope.filter("l.region_code", "l.site_code"))
                .and("l.household_id = :h", "h", f.householdId())
                .and("l.kind = :kind", "kind", f.kind() == null ? null : f.kind().name())
                .and("l.workshop_id = :ws", "ws", f.workshopId())
                .and("l.site_code = :site", "site", f.siteCode())
                .and("l.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .nativePage(em, """
                                l.id, l.household_id, l.household_no, l.region_code, l.site_code, l.kind, l.person_id, l.workshop_id,
                                l.partner, l.since, l.annual_income, l.note, l.recorded_by, l.created_at""", "household_link l",
                        "l.created_at desc, l.id", page, t -> {
                            Kind k = Kind.valueOf(t.get("kind", String.class));
                            return new LinkView(t.get("id", UUID.class), t.get("household_id", UUID.class),
                                    t.get("household_no", String.class), t.get("region_code", String.class),
                                    t.get("site_code", String.class), k, k.label(), t.get("person_id", UUID.class),
                                    t.get("workshop_id", UUID.class), t.get("partner", String.class),
                                    cn.resettle.common.web.SqlValues.date(t.get("since")), t.get("annual_income", BigDecimal.class),
                                    t.get("note", String.class), t.get("recorded_by", String.class),
                                    cn.resettle.common.web.SqlValues.time(t.get("created_at")), null);
                        });
        audit.list("household-link", p.items().stream().map(LinkView::householdId).distinct().toList(), false,
                "household=" + f.householdId() + ",kind=" + f.kind());
        return p;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
