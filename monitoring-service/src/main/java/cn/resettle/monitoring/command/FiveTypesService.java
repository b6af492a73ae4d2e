package cn.resettle.monitoring.command;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.monitoring.command.FiveTypesDtos.AttestationRequest;
import cn.resettle.monitoring.command.FiveTypesDtos.ChecklistRequest;
import cn.resettle.monitoring.command.FiveTypesDtos.ChecklistView;
import cn.resettle.monitoring.command.FiveTypesDtos.Gap;
import cn.resettle.monitoring.command.FiveTypesDtos.ItemKind;
import cn.resettle.monitoring.command.FiveTypesDtos.ItemRequest;
import cn.resettle.monitoring.command.FiveTypesDtos.ItemResult;
import cn.resettle.monitoring.command.FiveTypesDtos.ItemView;
import cn.resettle.monitoring.command.FiveTypesDtos.SiteAssessment;
import cn.resettle.monitoring.command.FiveTypesDtos.SiteSummary;
import cn.resettle.monitoring.command.FiveTypesDtos.TypeResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Five-types assessment 五型安置点: each site against its county's checklist of the year. METRIC items are judged from
 * the command view's figures of the site in the month (the figure, its value and when it was brought up to date are
 * the evidence); ATTESTED items from what an official recorded for the site and year (met or not, with the evidence
 * they gave, who and when). A site qualifies for a type when every item of the type is met.
 */
@ApplicationScoped
@Transactional
public class FiveTypesService {

    static final String TEMPLATE_COUNTY = "000000";
    static final Set<String> RATES = Set.of("VISIT_COVERAGE", "ONE_HOUSEHOLD_ONE_JOB");

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    IndicatorService indicators;
    @Inject
    CommandProjection projection;

    record Item(SiteType type, String code, String title, ItemKind kind, String figure, BigDecimal threshold) {
        ItemView view() {
            return new ItemView(type, code, title, kind, figure, threshold);
        }
    }

    // ------------------------------------------------------------------ checklist

    @Transactional(Transactional.TxType.SUPPORTS)
    public ChecklistView checklist(String county, int year) {
        // a checklist is not personal data: every reader of the command view may read any county's
        if ((county == null || county.isBlank()) && !scope.regionCodes().isEmpty() && scope.regionCodes().get(0).length() >= 6) {
            county = scope.regionCodes().get(0).substring(0, 6);
        }
        if (county == null || !county.matches("[0-9]{6}")) {
            throw DomainException.invalid("county", "must be a 6-digit county division code");
        }
        Integer effective = effectiveYear(county, year);
        List<Item> items = items(county, year);
        return new ChecklistView(county, year, effective == null ? "TEMPLATE" : "COUNTY", effective,
                items.stream().map(Item::view).toList());
    }

    /** Replaces the county's list for the year (county administrators of that county). */
    public ChecklistView replace(String county, int year, ChecklistRequest req) {
        county = county(county);
        checkYear(year);
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < req.items().size(); i++) {
            ItemRequest it = req.items().get(i);
            String field = "items[" + i + "]";
            if (!codes.add(it.code())) {
                throw DomainException.invalid(field + ".code", "appears twice in the list");
            }
            if (it.kind() == ItemKind.METRIC) {
                if (it.figure() == null || !(RATES.contains(it.figure()) || isFigure(it.figure()))) {
                    throw DomainException.invalid(field + ".figure", "a METRIC item names a figure or rate of the command view "
                            + "(see /api/command/dictionary, or VISIT_COVERAGE, ONE_HOUSEHOLD_ONE_JOB)");
                }
                if (it.threshold() == null) {
                    throw DomainException.invalid(field + ".threshold", "a METRIC item needs the threshold to reach");
                }
            } else if (it.figure() != null || it.threshold() != null) {
                throw DomainException.invalid(field + ".figure", "an ATTESTED item has no figure or threshold");
            }
        }
        em.createNativeQuery("delete from command_checklist_item where county_code = ?1 and year = ?2")
                .setParameter(1, county).setParameter(2, year).executeUpdate();
        int position = 1;
        for (ItemRequest it : req.items()) {
            em.createNativeQuery("insert into command_checklist_item (id, county_code, year, site_type, code, title, kind, figure, "
                            + "threshold, position, updated_by, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, now())")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, county).setParameter(3, year)
                    .setParameter(4, it.siteType().name()).setParameter(5, it.code()).setParameter(6, it.title())
                    .setParameter(7, it.kind().name()).setParameter(8, it.figure()).setParameter(9, it.threshold())
                    .setParameter(10, position++).setParameter(11, scope.actor()).executeUpdate();
        }
        return checklist(county, year);
    }

    private static boolean isFigure(String code) {
        for (Figure f : Figure.values()) {
            if (f.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private String county(String county) {
        if (county == null || !county.matches("[0-9]{6}")) {
            throw DomainException.invalid("county", "must be a 6-digit county division code");
        }
        if (!scope.coversRegion(county)) {
            throw DomainException.notFound("county", county);
        }
        return county;
    }

    private static void checkYear(int year) {
        if (year < 2016 || year > 2100) {
            throw DomainException.invalid("year", "must be a year between 2016 and 2100");
        }
    }

    private Integer effectiveYear(String county, int year) {
        Object y = em.createNativeQuery("select max(year) from command_checklist_item where county_code = ?1 and year <= ?2")
                .setParameter(1, county).setParameter(2, year).getSingleResult();
        return y == null ? null : ((Number) y).intValue();
    }

    /** The county's list of the latest year up to {@code year}, or the template. */
    List<Item> items(String county, int year) {
        Integer effective = effectiveYear(county, year);
        Query q = em.createNativeQuery("select site_type, code, title, kind, figure, threshold from command_checklist_item "
                + "where county_code = ?1 and year = ?2 order by site_type, position, code", Tuple.class)
                .setParameter(1, effective == null ? TEMPLATE_COUNTY : county).setParameter(2, effective == null ? 0 : effective);
        List<Item> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Tuple t = (Tuple) o;
            out.add(new Item(SiteType.valueOf((String) t.get(0)), (String) t.get(1), (String) t.get(2),
                    ItemKind.valueOf((String) t.get(3)), (String) t.get(4), (BigDecimal) t.get(5)));
        }
        return out;
    }

    // ------------------------------------------------------------------ attestations

    public SiteAssessment attest(String site, String itemCode, int year, AttestationRequest req) {
        checkYear(year);
        Area area = indicators.area(null, site);
        if (area.region() == null) {
            throw DomainException.notFound("site", site);
        }
        Item item = items(area.region().substring(0, Math.min(6, area.region().length())), year).stream()
                .filter(i -> i.code().equals(itemCode)).findFirst()
                .orElseThrow(() -> DomainException.notFound("checklist item", itemCode));
        if (item.kind() != ItemKind.ATTESTED) {
            throw DomainException.unprocessable("item-is-metric", "item " + itemCode + " is judged from the figure "
                    + item.figure() + ", not attested");
        }
        em.createNativeQuery("""
                        insert into command_site_attestation (id, site_code, region_code, year, item_code, met, evidence, attested_by, attested_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now())
                        on conflict (site_code, year, item_code) do update set met = excluded.met, evidence = excluded.evidence,
                          attested_by = excluded.attested_by, attested_at = excluded.attested_at, region_code = excluded.region_code""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, site).setParameter(3, area.region()).setParameter(4, year)
                .setParameter(5, itemCode).setParameter(6, req.met()).setParameter(7, req.evidence().strip())
                .setParameter(8, scope.actor()).executeUpdate();
        return assess(site, year, YearMonth.now(CommandProjection.ZONE));
    }

    // ------------------------------------------------------------------ assessment

    @Transactional(Transactional.TxType.SUPPORTS)
    public SiteAssessment assess(String site, int year, YearMonth month) {
        checkYear(year);
        Area area = indicators.area(null, site);
        return assess(java.util.Collections.singletonList(new String[]{site, area.region()}), year, month).get(0);
    }

    /** The sites of the area with the types they qualify for; {@code type}: only the sites that qualify for it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<SiteSummary> sites(Area area, int year, YearMonth month, SiteType type, PageRequest page) {
        checkYear(year);
        DataScope.Filter f = scope.filter("s.region_code", "s.site_code");
        Query q = em.createNativeQuery("select s.site_code, max(s.region_code) from (select code as site_code, township_code as region_code "
                + "from registry_site union all select distinct site_code, region_code from command_household where site_code <> '') s "
                + "where " + f.jpql() + " and " + area.condition("s.region_code", "s.site_code")
                + " and s.region_code is not null group by s.site_code order by s.site_code");
        f.params().forEach(q::setParameter);
        q.setParameter(area.paramName(), area.paramValue());
        List<String[]> sites = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            sites.add(new String[]{(String) r[0], (String) r[1]});
        }
        List<SiteSummary> all = new ArrayList<>();
        for (SiteAssessment a : assess(sites, year, month)) {
            if (type == null || a.qualified().contains(type)) {
                all.add(new SiteSummary(a.site(), a.region(), a.qualified(), a.gaps().size()));
            }
        }
        int from = (int) Math.min(all.size(), page.offset());
        return PageResult.of(all.subList(from, Math.min(all.size(), from + page.size())), page, all.size());
    }

    private List<SiteAssessment> assess(List<String[]> sites, int year, YearMonth month) {
        if (sites.isEmpty()) {
            return List.of();
        }
        projection.rollForward();
        List<String> codes = sites.stream().map(s -> s[0]).toList();
        // the figures of each site in the month: one query for all the sites
        Map<String, Map<String, Object[]>> figures = new HashMap<>();
        Query q = em.createNativeQuery("select site_code, figure, sum(value), max(updated_at) from command_figure "
                + "where site_code in (:sites) and month = :month group by site_code, figure");
        q.setParameter("sites", codes).setParameter("month", month.toString());
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            figures.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1],
                    new Object[]{((Number) r[2]).doubleValue(), SqlValues.time(r[3])});
        }
        Map<String, Map<String, Object[]>> attested = new HashMap<>();
        Query a = em.createNativeQuery("select site_code, item_code, met, evidence, attested_by, attested_at from command_site_attestation "
                + "where site_code in (:sites) and year = :year");
        a.setParameter("sites", codes).setParameter("year", year);
        for (Object o : a.getResultList()) {
            Object[] r = (Object[]) o;
            attested.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], r);
        }
        Map<String, List<Item>> checklists = new HashMap<>();
        List<SiteAssessment> out = new ArrayList<>();
        for (String[] s : sites) {
            String county = s[1] == null ? "" : s[1].substring(0, Math.min(6, s[1].length()));
            List<Item> items = checklists.computeIfAbsent(county, c -> items(c, year));
            Map<String, Object[]> fig = figures.getOrDefault(s[0], Map.of());
            Map<String, Object[]> att = attested.getOrDefault(s[0], Map.of());
            Map<SiteType, List<ItemResult>> byType = new LinkedHashMap<>();
            for (SiteType t : SiteType.values()) {
                byType.put(t, new ArrayList<>());
            }
            for (Item it : items) {
                byType.get(it.type()).add(it.kind() == ItemKind.METRIC ? metric(it, fig, month) : attested(it, att.get(it.code()), year));
            }
            List<TypeResult> types = new ArrayList<>();
            List<SiteType> qualified = new ArrayList<>();
            List<Gap> gaps = new ArrayList<>();
            byType.forEach((t, results) -> {
                boolean ok = !results.isEmpty() && results.stream().allMatch(ItemResult::met);
                types.add(new TypeResult(t, t.label(), ok, results));
                if (ok) {
                    qualified.add(t);
                }
                results.stream().filter(r -> !r.met()).forEach(r -> gaps.add(new Gap(t, r.code(), r.title(), r.evidence())));
            });
            out.add(new SiteAssessment(s[0], s[1], year, month.toString(), types, qualified, gaps));
        }
        return out;
    }

    private static ItemResult metric(Item it, Map<String, Object[]> fig, YearMonth month) {
        Double value;
        OffsetDateTime at;
        String evidence;
        if (RATES.contains(it.figure())) {
            String[] parts = "VISIT_COVERAGE".equals(it.figure())
                    ? new String[]{"VISITED_HOUSEHOLDS", "HOUSEHOLDS"} : new String[]{"LABOUR_HOUSEHOLDS_EMPLOYED", "LABOUR_HOUSEHOLDS"};
            double num = fig.containsKey(parts[0]) ? (Double) fig.get(parts[0])[0] : 0;
            double den = fig.containsKey(parts[1]) ? (Double) fig.get(parts[1])[0] : 0;
            value = den == 0 ? null : num / den;
            at = later(fig.containsKey(parts[0]) ? (OffsetDateTime) fig.get(parts[0])[1] : null,
                    fig.containsKey(parts[1]) ? (OffsetDateTime) fig.get(parts[1])[1] : null);
            evidence = it.figure() + " " + month + ": " + (long) num + "/" + (long) den
                    + (value == null ? " (无可计算的户 nothing to count)" : String.format(" = %.2f", value));
        } else {
            Object[] v = fig.get(it.figure());
            value = v == null ? 0.0 : (Double) v[0];
            at = v == null ? null : (OffsetDateTime) v[1];
            evidence = it.figure() + " " + month + ": " + value.longValue();
        }
        boolean met = value != null && it.threshold() != null && BigDecimal.valueOf(value).compareTo(it.threshold()) >= 0;
        evidence += met ? " ≥ " + it.threshold().stripTrailingZeros().toPlainString()
                : " < " + it.threshold().stripTrailingZeros().toPlainString() + " 未达标";
        return new ItemResult(it.code(), it.title(), it.kind(), met, evidence, it.figure(), value, it.threshold(), at, "command-view");
    }

    private static ItemResult attested(Item it, Object[] r, int year) {
        if (r == null) {
            return new ItemResult(it.code(), it.title(), it.kind(), false, "未登记 " + year + " 年佐证 no evidence recorded for "
                    + year, null, null, null, null, null);
        }
        return new ItemResult(it.code(), it.title(), it.kind(), (Boolean) r[2], (String) r[3], null, null, null,
                SqlValues.time(r[5]), (String) r[4]);
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
    }
}
