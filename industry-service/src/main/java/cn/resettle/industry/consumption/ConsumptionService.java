package cn.resettle.industry.consumption;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.industry.consumption.ConsumptionDtos.ChannelView;
import cn.resettle.industry.consumption.ConsumptionDtos.SaleView;
import cn.resettle.industry.workshop.WorkshopService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Consumption assistance (消费帮扶): a site's sales channels and buyer agreements, and the sales through them. */
@ApplicationScoped
@Transactional
public class ConsumptionService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    WorkshopService workshops;

    public ChannelView create(ConsumptionDtos.NewChannel req) {
        if (req.agreementTo() != null && req.agreementTo().isBefore(req.agreementFrom())) {
            throw DomainException.invalid("agreementTo", "before the agreement starts (" + req.agreementFrom() + ")");
        }
        if (req.agreementFrom().isAfter(LocalDate.now().plusYears(1))) {
            throw DomainException.invalid("agreementFrom", "more than a year ahead");
        }
        WorkshopService.Site s = workshops.site(req.siteCode());
        Long sameName = em.createQuery("select count(c) from ConsumptionChannel c where c.siteCode = :s and c.name = :n", Long.class)
                .setParameter("s", s.code()).setParameter("n", req.name().trim()).getSingleResult();
        if (sameName > 0) {
            throw new DomainException(409, "duplicate", "冲突 Conflict", "name: the site already has a channel of this name",
                    List.of(new Problem.Violation("name", "already registered at this site")));
        }
        ConsumptionChannel c = new ConsumptionChannel();
        c.id = UUID.randomUUID();
        c.siteCode = s.code();
        c.regionCode = s.townshipCode();
        c.kind = req.kind();
        c.name = req.name().trim();
        c.buyer = req.buyer().trim();
        c.products = req.products().trim();
        c.agreementNo = req.agreementNo();
        c.agreedAmount = req.agreedAmount();
        c.agreementFrom = req.agreementFrom();
        c.agreementTo = req.agreementTo();
        c.createdBy = scope.actor();
        c.createdAt = c.updatedAt = OffsetDateTime.now();
        em.persist(c);
        em.flush();
        return views(List.of(c)).get(0);
    }

    public record Filter(String siteCode, String regionCode, ConsumptionDtos.Kind kind) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ChannelView> list(Filter f, PageRequest page) {
        PageResult<ConsumptionChannel> p = ListQuery.scoped(scope.filter("c.regionCode", "c.siteCode"))
                .and("c.siteCode = :site", "site", f.siteCode())
                .and("c.regionCode like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("c.kind = :kind", "kind", f.kind())
                .page(em, ConsumptionChannel.class, "ConsumptionChannel c", "c.regionCode, c.siteCode, c.name, c.id", page);
        return new PageResult<>(views(p.items()), p.page(), p.size(), p.total(), p.totalPages());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ChannelView get(UUID id) {
        return views(List.of(visible(id))).get(0);
    }

    ConsumptionChannel visible(UUID id) {
        ConsumptionChannel c = em.find(ConsumptionChannel.class, id);
        if (c == null || !scope.allows(c.regionCode, c.siteCode)) {
            throw DomainException.notFound("channel", id);
        }
        return c;
    }

    private List<ChannelView> views(List<ConsumptionChannel> cs) {
        if (cs.isEmpty()) {
            return List.of();
        }
        Map<UUID, Object[]> sums = new HashMap<>();
        int year = LocalDate.now().getYear();
        for (Object o : em.createNativeQuery("""
                        select channel_id, sum(amount), sum(households_benefited) from consumption_sale
                        where channel_id in (:ids) and sold_on >= :from and sold_on < :to group by channel_id""")
                .setParameter("ids", cs.stream().map(c -> c.id).toList()).setParameter("from", LocalDate.of(year, 1, 1))
                .setParameter("to", LocalDate.of(year + 1, 1, 1)).getResultList()) {
            Object[] r = (Object[]) o;
            sums.put((UUID) r[0], r);
        }
        return cs.stream().map(c -> {
            Object[] s = sums.get(c.id);
            return new ChannelView(c.id, c.version, c.siteCode, c.regionCode, c.kind, c.kind.label(), c.name, c.buyer, c.products,
                    c.agreementNo, c.agreedAmount, c.agreementFrom, c.agreementTo, s == null ? BigDecimal.ZERO : (BigDecimal) s[1],
                    s == null ? 0 : ((Number) s[2]).longValue(), c.createdAt, c.createdBy);
        }).toList();
    }

    public SaleView addSale(UUID channelId, ConsumptionDtos.NewSale req) {
        ConsumptionChannel c = visible(channelId);
        if (req.soldOn().isBefore(c.agreementFrom)) {
            throw DomainException.invalid("soldOn", "before the channel's agreement starts (" + c.agreementFrom + ")");
        }
        if (c.agreementTo != null && req.soldOn().isAfter(c.agreementTo)) {
            throw DomainException.invalid("soldOn", "after the channel's agreement ended (" + c.agreementTo + ")");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into consumption_sale (id, channel_id, sold_on, product, amount, households_benefited, note,
                          recorded_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, id).setParameter(2, channelId).setParameter(3, req.soldOn()).setParameter(4, req.product().trim())
                .setParameter(5, req.amount()).setParameter(6, req.householdsBenefited()).setParameter(7, req.note())
                .setParameter(8, scope.actor()).setParameter(9, OffsetDateTime.now()).executeUpdate();
        return new SaleView(id, channelId, req.soldOn(), req.product().trim(), req.amount(), req.householdsBenefited(), req.note(),
                scope.actor());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<SaleView> sales(UUID channelId, LocalDate from, LocalDate to, PageRequest page) {
        visible(channelId);
        return ListQuery.where("s.channel_id = :c").param("c", channelId).and("s.sold_on >= :from", "from", from)
                .and("s.sold_on <= :to", "to", to)
                .nativePage(em, "s.id, s.channel_id, s.sold_on, s.product, s.amount, s.households_benefited, s.note, s.recorded_by",
                        "consumption_sale s", "s.sold_on desc, s.id", page,
                        t -> new SaleView(t.get("id", UUID.class), t.get("channel_id", UUID.class), SqlValues.date(t.get("sold_on")),
                                t.get("product", String.class), t.get("amount", BigDecimal.class),
                                ((Number) t.get("households_benefited")).intValue(), t.get("note", String.class),
                                t.get("recorded_by", String.class)));
    }

    /** Rows of the sales ledger (消费帮扶销售台账) in scope between two dates, none dropped. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> ledger(LocalDate from, LocalDate to, String siteCode, String regionCode) {
        ListQuery q = ListQuery.scoped(scope.filter("c.region_code", "c.site_code"))
                .and("s.sold_on >= :from", "from", from).and("s.sold_on <= :to", "to", to)
                .and("c.site_code = :site", "site", siteCode)
                .and("c.region_code like :region", "region", regionCode == null ? null : regionCode + "%");
        Query rows = em.createNativeQuery("""
                select c.site_code, c.region_code, c.name, c.kind, c.buyer, c.agreement_no, s.sold_on, s.product, s.amount,
                  s.households_benefited, s.note, s.recorded_by
                from consumption_sale s join consumption_channel c on c.id = s.channel_id
                where""" + " " + q.where() + " order by c.region_code, c.site_code, c.name, s.sold_on, s.id");
        q.params().forEach(rows::setParameter);
        return ((List<Object[]>) rows.getResultList()).stream().map(r -> new Object[]{r[0], r[1], r[2],
                ConsumptionDtos.Kind.valueOf((String) r[3]).label(), r[4], r[5], SqlValues.str(r[6]), r[7], r[8], r[9], r[10], r[11]})
                .toList();
    }
}
