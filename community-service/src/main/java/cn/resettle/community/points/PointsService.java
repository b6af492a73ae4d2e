package cn.resettle.community.points;

import static cn.resettle.common.web.SqlValues.time;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.DictionaryEntry.Labelled;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.HouseholdService;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The points supermarket (积分超市): each site's rules for earning points, awards proposed by staff and approved by
 * someone else (township or county), goods with stock, redemptions against a household's balance (approved awards
 * minus redemptions). A household's redemptions are serialised (advisory lock on the household) so two at once
 * cannot spend the same points; stock is taken with a conditional update so it never goes below zero.
 */
@ApplicationScoped
@Transactional
public class PointsService {

    public enum RuleKind implements Labelled {
        ACTIVITY("参加活动"), CONDUCT("文明行为"), ENVIRONMENT("环境卫生"), VOLUNTEER("志愿服务"), OTHER("其他");
        private final String label;
        RuleKind(String l) { label = l; }
        public String label() { return label; }
    }

    public enum AwardStatus implements Labelled {
        PENDING("待审核"), APPROVED("已审核"), REJECTED("未通过");
        private final String label;
        AwardStatus(String l) { label = l; }
        public String label() { return label; }
    }

    public record RuleRequest(@NotNull UUID siteId, @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") String code,
                              @NotBlank @Size(max = 100) String name, @NotNull RuleKind kind,
                              @NotNull @Min(1) @Max(1000) Integer points) {
    }

    public record RuleView(UUID id, String siteCode, String code, String name, RuleKind kind, int points) {
    }

    /** {@code ruleId} gives the points; without a rule {@code points} must be given. */
    public record AwardRequest(@NotNull UUID householdId, UUID ruleId, @Min(1) @Max(1000) Integer points,
                               @NotBlank @Size(max = 500) String reason) {
    }

    public record Decision(@NotNull Long version, @NotNull Boolean approve) {
    }

    public record AwardView(UUID id, long version, UUID householdId, String householdNo, String siteCode, UUID ruleId,
                            int points, String reason, AwardStatus status, String proposedBy, OffsetDateTime proposedAt,
                            String approvedBy, OffsetDateTime decidedAt) {
    }

    public record GoodsRequest(@NotNull UUID siteId, @NotBlank @Size(max = 100) String name,
                               @NotNull @Min(1) @Max(100000) Integer pointsPrice, @NotNull @Min(0) @Max(100000) Integer stock) {
    }

    public record Restock(@NotNull Long version, @NotNull @Min(1) @Max(100000) Integer quantity) {
    }

    public record GoodsView(UUID id, long version, String siteCode, String name, int pointsPrice, int stock) {
    }

    public record RedemptionRequest(@NotNull UUID householdId, @NotNull UUID goodsId, @NotNull @Min(1) @Max(100) Integer quantity) {
    }

    public record Balance(UUID householdId, String householdNo, long earned, long spent, long balance, long pending) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    SiteService sites;
    @Inject
    HouseholdService households;

    public RuleView addRule(RuleRequest req) {
        Site site = sites.visible(req.siteId());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into points_rule (id, site_id, site_code, region_code, code, name, kind, points, created_by, "
                        + "created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.code()).setParameter(6, req.name()).setParameter(7, req.kind().name())
                .setParameter(8, req.points()).setParameter(9, scope.actor()).setParameter(10, OffsetDateTime.now()).executeUpdate();
        return new RuleView(id, site.code, req.code(), req.name(), req.kind(), req.points());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<RuleView> rules(String siteCode, PageRequest page) {
        return ListQuery.scoped(scope.filter("r.region_code", "r.site_code")).and("r.site_code = :site", "site", siteCode)
                .nativePage(em, "r.id, r.site_code, r.code, r.name, r.kind, r.points", "points_rule r", "r.site_code, r.code", page,
                        t -> new RuleView(t.get("id", UUID.class), t.get("site_code", String.class), t.get("code", String.class),
                                t.get("name", String.class), RuleKind.valueOf(t.get("kind", String.class)),
                                ((Number) t.get("points")).intValue()));
    }

    public AwardView propose(AwardRequest req) {
        Household h = households.visible(req.householdId());
        if (h.siteCode == null) {
            throw DomainException.unprocessable("no-site", "the points supermarket is a site's; household " + h.householdNo + " has no site");
        }
        int points;
        if (req.ruleId() != null) {
            List<?> rule = em.createNativeQuery("select points from points_rule where id = ?1 and site_code = ?2")
                    .setParameter(1, req.ruleId()).setParameter(2, h.siteCode).getResultList();
            if (rule.isEmpty()) {
                throw DomainException.invalid("ruleId", "not a rule of site " + h.siteCode);
            }
            points = ((Number) rule.get(0)).intValue();
        } else if (req.points() != null) {
            points = req.points();
        } else {
            throw DomainException.invalid("points", "give a ruleId or the points");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into points_award (id, version, household_id, household_no, site_code, region_code, rule_id, points,
                          reason, status, proposed_by, proposed_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'PENDING', ?9, ?10)""")
                .setParameter(1, id).setParameter(2, h.id).setParameter(3, h.householdNo).setParameter(4, h.siteCode)
                .setParameter(5, h.regionCode).setParameter(6, req.ruleId()).setParameter(7, points).setParameter(8, req.reason())
                .setParameter(9, scope.actor()).setParameter(10, OffsetDateTime.now()).executeUpdate();
        return award(id);
    }

    /** Approve or reject a proposed award; the approver must not be who proposed it. */
    public AwardView decide(UUID id, Decision d) {
        AwardView a = award(id);
        if (a.version() != d.version()) {
            throw stale();
        }
        if (a.status() != AwardStatus.PENDING) {
            throw DomainException.unprocessable("award-decided", "the award was already " + a.status());
        }
        if (a.proposedBy().equals(scope.actor())) {
            throw DomainException.unprocessable("same-person", "an award is approved by someone other than who proposed it");
        }
        int updated = em.createNativeQuery("update points_award set status = ?1, approved_by = ?2, decided_at = ?3, "
                        + "version = version + 1 where id = ?4 and version = ?5 and status = 'PENDING'")
                .setParameter(1, d.approve() ? "APPROVED" : "REJECTED").setParameter(2, scope.actor())
                .setParameter(3, OffsetDateTime.now()).setParameter(4, id).setParameter(5, d.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        return award(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<AwardView> awards(UUID householdId, AwardStatus status, String siteCode, PageRequest page) {
        return awardQuery().and("a.household_id = :household", "household", householdId)
                .and("a.status = :status", "status", status == null ? null : status.name())
                .and("a.site_code = :site", "site", siteCode)
                .nativePage(em, AWARD_COLUMNS, "points_award a", "a.proposed_at desc, a.id", page, PointsService::awardView);
    }

    public GoodsView addGoods(GoodsRequest req) {
        Site site = sites.visible(req.siteId());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into points_goods (id, version, site_id, site_code, region_code, name, points_price, stock, "
                        + "created_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, site.code).setParameter(4, site.townshipCode)
                .setParameter(5, req.name()).setParameter(6, req.pointsPrice()).setParameter(7, req.stock())
                .setParameter(8, OffsetDateTime.now()).executeUpdate();
        return goods(id);
    }

    public GoodsView restock(UUID id, Restock req) {
        GoodsView g = goods(id);
        int updated = em.createNativeQuery("update points_goods set stock = stock + ?1, version = version + 1 where id = ?2 and version = ?3")
                .setParameter(1, req.quantity()).setParameter(2, g.id()).setParameter(3, req.version()).executeUpdate();
        if (updated == 0) {
            throw stale();
        }
        return goods(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<GoodsView> goodsList(String siteCode, PageRequest page) {
        return ListQuery.scoped(scope.filter("g.region_code", "g.site_code")).and("g.site_code = :site", "site", siteCode)
                .nativePage(em, GOODS_COLUMNS, "points_goods g", "g.site_code, g.name, g.id", page, PointsService::goodsView);
    }

    public Balance redeem(RedemptionRequest req) {
        Household h = households.visible(req.householdId());
        GoodsView g = goods(req.goodsId());
        if (!g.siteCode().equals(h.siteCode)) {
            throw DomainException.unprocessable("other-site", "the goods are at site " + g.siteCode() + ", the household at " + h.siteCode);
        }
        // one redemption of a household at a time: the balance read below cannot be spent twice
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(cast(?1 as text)))) locked")
                .setParameter(1, h.id.toString()).getSingleResult();
        long cost = (long) g.pointsPrice() * req.quantity();
        Balance before = balance(h);
        if (before.balance() < cost) {
            throw DomainException.unprocessable("insufficient-points", "the household has " + before.balance()
                    + " points; " + req.quantity() + " × " + g.name() + " cost " + cost);
        }
        int taken = em.createNativeQuery("update points_goods set stock = stock - ?1, version = version + 1 where id = ?2 and stock >= ?1")
                .setParameter(1, req.quantity()).setParameter(2, g.id()).executeUpdate();
        if (taken == 0) {
            throw DomainException.unprocessable("out-of-stock", g.name() + ": fewer than " + req.quantity() + " in stock");
        }
        em.createNativeQuery("""
                        insert into points_redemption (id, household_id, household_no, site_code, region_code, goods_id, quantity,
                          points, redeemed_by, redeemed_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, h.id).setParameter(3, h.householdNo).setParameter(4, h.siteCode)
                .setParameter(5, h.regionCode).setParameter(6, g.id()).setParameter(7, req.quantity()).setParameter(8, cost)
                .setParameter(9, scope.actor()).setParameter(10, OffsetDateTime.now()).executeUpdate();
        return balance(h);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Balance balance(UUID householdId) {
        return balance(households.visible(householdId));
    }

    /** The resident's own household's balance (token claim household_no). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Balance ownBalance() {
        String own = scope.householdNo();
        if (own == null) {
            throw DomainException.forbidden("your account is not linked to a household");
        }
        return balance(Household.findByNo(own).orElseThrow(() -> DomainException.notFound("household", own)));
    }

    private Balance balance(Household h) {
        Tuple t = (Tuple) em.createNativeQuery("""
                        select coalesce((select sum(points) from points_award where household_id = :h and status = 'APPROVED'), 0) as earned,
                               coalesce((select sum(points) from points_award where household_id = :h and status = 'PENDING'), 0) as pending,
                               coalesce((select sum(points) from points_redemption where household_id = :h), 0) as spent""", Tuple.class)
                .setParameter("h", h.id).getSingleResult();
        long earned = ((Number) t.get("earned")).longValue();
        long spent = ((Number) t.get("spent")).longValue();
        return new Balance(h.id, h.householdNo, earned, spent, earned - spent, ((Number) t.get("pending")).longValue());
    }

    static final String AWARD_COLUMNS = "a.id, a.version, a.household_id, a.household_no, a.site_code, a.rule_id, a.points, a.reason, "
            + "a.status, a.proposed_by, a.proposed_at, a.approved_by, a.decided_at";
    static final String GOODS_COLUMNS = "g.id, g.version, g.site_code, g.name, g.points_price, g.stock";

    private ListQuery awardQuery() {
        return ListQuery.scoped(scope.filter("a.region_code", "a.site_code"));
    }

    private AwardView award(UUID id) {
        List<AwardView> found = awardQuery().and("a.id = :id", "id", id)
                .nativePage(em, AWARD_COLUMNS, "points_award a", "a.id", new PageRequest(0, 1), PointsService::awardView).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("award", id);
        }
        return found.get(0);
    }

    private GoodsView goods(UUID id) {
        List<GoodsView> found = ListQuery.scoped(scope.filter("g.region_code", "g.site_code")).and("g.id = :id", "id", id)
                .nativePage(em, GOODS_COLUMNS, "points_goods g", "g.id", new PageRequest(0, 1), PointsService::goodsView).items();
        if (found.isEmpty()) {
            throw DomainException.notFound("goods", id);
        }
        return found.get(0);
    }

    static AwardView awardView(Tuple t) {
        return new AwardView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("household_id", UUID.class),
                t.get("household_no", String.class), t.get("site_code", String.class), t.get("rule_id", UUID.class),
                ((Number) t.get("points")).intValue(), t.get("reason", String.class),
                AwardStatus.valueOf(t.get("status", String.class)), t.get("proposed_by", String.class),
                time(t.get("proposed_at")), t.get("approved_by", String.class), time(t.get("decided_at")));
    }

    static GoodsView goodsView(Tuple t) {
        return new GoodsView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("site_code", String.class),
                t.get("name", String.class), ((Number) t.get("points_price")).intValue(), ((Number) t.get("stock")).intValue());
    }

    private static DomainException stale() {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "changed by someone else since you read it; reload");
    }
}
