package cn.resettle.community.grid;

import static cn.resettle.common.web.SqlValues.date;
import static cn.resettle.common.web.SqlValues.time;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.grid.OrganisationDtos.BranchRequest;
import cn.resettle.community.grid.OrganisationDtos.BranchUpdate;
import cn.resettle.community.grid.OrganisationDtos.BranchView;
import cn.resettle.community.grid.OrganisationDtos.BuildingHeadRequest;
import cn.resettle.community.grid.OrganisationDtos.BuildingHeadView;
import cn.resettle.community.grid.OrganisationDtos.CoverRequest;
import cn.resettle.community.grid.OrganisationDtos.CoveredHousehold;
import cn.resettle.community.grid.OrganisationDtos.GridRequest;
import cn.resettle.community.grid.OrganisationDtos.GridView;
import cn.resettle.community.grid.OrganisationDtos.HouseholdGrid;
import cn.resettle.community.grid.OrganisationDtos.WorkerChange;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.HouseholdService;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * A site's organisation (DOMAIN §5): the party branch (where {@code resettle.organisation.min-party-members}, 3, or
 * more party members live), building heads, and grids (网格化管理) with the households each covers and their grid
 * worker. A household's grid worker is who its community tasks go to by default ({@link GridTaskAssigner}).
 */
@ApplicationScoped
@Transactional
public class OrganisationService {

    @ConfigMapping(prefix = "resettle.organisation")
    public interface OrganisationConfig {
        /** Party members living at a site needed for a party branch (3 名以上党员的安置点建立党支部). */
        @WithDefault("3")
        int minPartyMembers();
    }

    static final String BRANCH_COLUMNS = "b.id, b.version, b.site_id, b.site_code, b.region_code, b.name, b.secretary, "
            + "b.party_members, b.established_on";
    static final String HEAD_COLUMNS = "b.id, b.version, b.site_code, b.region_code, b.building, b.name, b.username, "
            + "b.appointed_on, b.ended_on";
    static final String GRID_COLUMNS = "g.id, g.version, g.site_id, g.site_code, g.region_code, g.code, g.name, g.worker_name, "
            + "g.worker_username, (select count(*) from grid_household gh where gh.grid_id = g.id) as households";

    @Inject
    EntityManager em;
    @Inject
    SiteService sites;
    @Inject
    HouseholdService households;
    @Inject
    DataScope scope;
    @Inject
    OrganisationConfig config;

    // ---- party branch

    public BranchView addBranch(BranchRequest req) {
        Site site = sites.visible(req.siteId());
        checkPartyMembers(req.partyMembers());
        long exists = count("select count(*) from party_branch where site_id = ?1", site.id);
        if (exists > 0) {
            throw DomainException.conflict("branch-exists", "site " + site.code + " already has a party branch");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into party_branch (id, version, site_id, site_code, region_code, name, secretary, party_members,
                          established_on, created_by, created_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.name()).setParameter(6, req.secretary()).setParameter(7, req.partyMembers())
                .setParameter(8, req.establishedOn()).setParameter(9, scope.actor()).setParameter(10, OffsetDateTime.now())
                .executeUpdate();
        return branch(id);
    }

    public BranchView updateBranch(UUID id, BranchUpdate req) {
        BranchView b = branch(id);
        checkPartyMembers(req.partyMembers());
        int updated = em.createNativeQuery("update party_branch set secretary = ?1, party_members = ?2, version = version + 1 "
                        + "where id = ?3 and version = ?4")
                .setParameter(1, req.secretary()).setParameter(2, req.partyMembers()).setParameter(3, b.id())
                .setParameter(4, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("party branch");
        }
        return branch(id);
    }

    private void checkPartyMembers(int members) {
        if (members < config.minPartyMembers()) {
            throw DomainException.unprocessable("too-few-party-members", "a party branch needs at least "
                    + config.minPartyMembers() + " party members living at the site, not " + members);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<BranchView> branches(String siteCode, String regionCode, PageRequest page) {
        return ListQuery.scoped(scope.filter("b.region_code", "b.site_code"))
                .and("b.site_code = :site", "site", siteCode)
                .and("b.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .nativePage(em, BRANCH_COLUMNS, "party_branch b", "b.region_code, b.site_code", page, OrganisationService::branchView);
    }

    BranchView branch(UUID id) {
        List<BranchView> found = ListQuery.scoped(scope.filter("b.region_code", "b.site_code")).and("b.id = :id", "id", id)
                .nativePage(em, BRANCH_COLUMNS, "party_branch b", "b.id", new PageRequest(0, 1), OrganisationService::branchView)
                .items();
        if (found.isEmpty()) {
            throw DomainException.notFound("party branch", id);
        }
        return found.get(0);
    }

    // ---- building heads

    public BuildingHeadView appointHead(BuildingHeadRequest req) {
        Site site = sites.visible(req.siteId());
        em.createNativeQuery("update building_head set ended_on = ?1, version = version + 1 "
                        + "where site_id = ?2 and building = ?3 and ended_on is null")
                .setParameter(1, req.appointedOn()).setParameter(2, site.id).setParameter(3, req.building()).executeUpdate();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into building_head (id, version, site_id, site_code, region_code, building, name, username,
                          appointed_on, created_by, created_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.building()).setParameter(6, req.name()).setParameter(7, req.username())
                .setParameter(8, req.appointedOn()).setParameter(9, scope.actor()).setParameter(10, OffsetDateTime.now())
                .executeUpdate();
        return heads(null, null, true, id, new PageRequest(0, 1)).items().get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<BuildingHeadView> heads(String siteCode, String building, boolean serving, UUID id, PageRequest page) {
        return ListQuery.scoped(scope.filter("b.region_code", "b.site_code"))
                .and("b.site_code = :site", "site", siteCode)
                .and("b.building = :building", "building", building)
                .and("b.id = :id", "id", id)
                .andIf(serving, "b.ended_on is null")
                .nativePage(em, HEAD_COLUMNS, "building_head b", "b.region_code, b.site_code, b.building, b.appointed_on desc",
                        page, t -> new BuildingHeadView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(),
                                t.get("site_code", String.class), t.get("region_code", String.class),
                                t.get("building", String.class), t.get("name", String.class), t.get("username", String.class),
                                date(t.get("appointed_on")), date(t.get("ended_on"))));
    }

    // ---- grids

    public GridView addGrid(GridRequest req) {
        Site site = sites.visible(req.siteId());
        long exists = count("select count(*) from grid where site_id = ?1 and code = ?2", site.id, req.code());
        if (exists > 0) {
            throw DomainException.conflict("grid-exists", "site " + site.code + " already has a grid " + req.code());
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("""
                        insert into grid (id, version, site_id, site_code, region_code, code, name, worker_name, worker_username,
                          created_by, created_at, updated_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)""")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.code()).setParameter(6, req.name()).setParameter(7, req.workerName())
                .setParameter(8, req.workerUsername()).setParameter(9, scope.actor()).setParameter(10, now).executeUpdate();
        return grid(id);
    }

    /**
     * A new grid worker: the grid's households' OPEN tasks that were assigned to the former worker (or to nobody)
     * follow to the new one; tasks someone took on by hand stay where they are.
     */
    public GridView changeWorker(UUID id, WorkerChange req) {
        GridView g = grid(id);
        int updated = em.createNativeQuery("update grid set worker_name = ?1, worker_username = ?2, version = version + 1, "
                        + "updated_at = ?3 where id = ?4 and version = ?5")
                .setParameter(1, req.workerName()).setParameter(2, req.workerUsername()).setParameter(3, OffsetDateTime.now())
                .setParameter(4, id).setParameter(5, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale("grid");
        }
        em.createNativeQuery("update assistance_task t set assignee = ?1, version = t.version + 1, updated_at = now() from grid_household gh "
                        + "where gh.grid_id = ?2 and t.household_id = gh.household_id and t.status = 'OPEN' "
                        + "and (t.assignee is null or t.assignee = ?3)")
                .setParameter(1, req.workerUsername()).setParameter(2, id).setParameter(3, g.workerUsername()).executeUpdate();
        return grid(id);
    }

    /** The grid covers these households from now on; each must live at the grid's site (422 other-site). */
    public GridView cover(UUID id, CoverRequest req) {
        GridView g = grid(id);
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(req.householdIds()));
        for (int i = 0; i < ids.size(); i++) {
            Household h;
            try {
                h = households.visible(ids.get(i));
            } catch (DomainException e) {
                throw DomainException.invalid("householdIds[" + i + "]", "no such household in your scope");
            }
            if (!g.siteId().equals(h.siteId)) {
                throw new DomainException(422, "other-site", "不是本安置点的住户 Household of another site",
                        "household " + h.householdNo + " does not live at site " + g.siteCode(),
                        List.of(new cn.resettle.common.problem.Problem.Violation("householdIds[" + i + "]",
                                "not a household of site " + g.siteCode())));
            }
        }
        OffsetDateTime now = OffsetDateTime.now();
        for (UUID h : ids) {
            em.createNativeQuery("insert into grid_household (household_id, grid_id, assigned_by, assigned_at) values (?1, ?2, ?3, ?4) "
                            + "on conflict (household_id) do update set grid_id = excluded.grid_id, assigned_by = excluded.assigned_by, "
                            + "assigned_at = excluded.assigned_at")
                    .setParameter(1, h).setParameter(2, id).setParameter(3, scope.actor()).setParameter(4, now).executeUpdate();
        }
        // the households' open tasks nobody has taken go to this grid's worker (a new version: whoever read the task
        // before cannot act on the old assignment)
        em.createNativeQuery("update assistance_task set assignee = ?1, version = version + 1, updated_at = now() "
                        + "where household_id = any(cast(?2 as uuid[])) and status = 'OPEN' and assignee is null")
                .setParameter(1, g.workerUsername())
                .setParameter(2, ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .executeUpdate();
        return grid(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<GridView> grids(String siteCode, String regionCode, String workerUsername, PageRequest page) {
        return ListQuery.scoped(scope.filter("g.region_code", "g.site_code"))
                .and("g.site_code = :site", "site", siteCode)
                .and("g.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .and("g.worker_username = :worker", "worker", workerUsername)
                .nativePage(em, GRID_COLUMNS, "grid g", "g.region_code, g.site_code, g.code", page, OrganisationService::gridView);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<CoveredHousehold> covered(UUID gridId, PageRequest page) {
        grid(gridId);
        return ListQuery.where("gh.grid_id = :grid").param("grid", gridId)
                .nativePage(em, "h.id, h.household_no, h.site_code, h.region_code, h.status, gh.assigned_by, gh.assigned_at",
                        "grid_household gh join household h on h.id = gh.household_id", "h.household_no", page,
                        t -> new CoveredHousehold(t.get("id", UUID.class), t.get("household_no", String.class),
                                t.get("site_code", String.class), t.get("region_code", String.class), t.get("status", String.class),
                                t.get("assigned_by", String.class), time(t.get("assigned_at"))));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public HouseholdGrid householdGrid(UUID householdId) {
        Household h = households.visible(householdId);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select g.id, g.code, g.name, g.worker_name, g.worker_username from grid_household gh "
                + "join grid g on g.id = gh.grid_id where gh.household_id = ?1", Tuple.class).setParameter(1, h.id).getResultList();
        if (rows.isEmpty()) {
            return new HouseholdGrid(h.id, h.householdNo, null, null, null, null, null);
        }
        Tuple t = rows.get(0);
        return new HouseholdGrid(h.id, h.householdNo, t.get("id", UUID.class), t.get("code", String.class),
                t.get("name", String.class), t.get("worker_name", String.class), t.get("worker_username", String.class));
    }

    GridView grid(UUID id) {
        List<GridView> found = ListQuery.scoped(scope.filter("g.region_code", "g.site_code")).and("g.id = :id", "id", id)
                .nativePage(em, GRID_COLUMNS, "grid g", "g.id", new PageRequest(0, 1), OrganisationService::gridView).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("grid", id);
        }
        return found.get(0);
    }

    static GridView gridView(Tuple t) {
        return new GridView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("site_id", UUID.class),
                t.get("site_code", String.class), t.get("region_code", String.class), t.get("code", String.class),
                t.get("name", String.class), t.get("worker_name", String.class), t.get("worker_username", String.class),
                ((Number) t.get("households")).longValue());
    }

    static BranchView branchView(Tuple t) {
        return new BranchView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("site_id", UUID.class),
                t.get("site_code", String.class), t.get("region_code", String.class), t.get("name", String.class),
                t.get("secretary", String.class), ((Number) t.get("party_members")).intValue(), date(t.get("established_on")));
    }

    private long count(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    static DomainException stale(String what) {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the " + what + " was changed by someone else since you read it; reload it");
    }
}
