package cn.resettle.monitoring.exchange;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.IdNumberHash;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.validation.CitizenIds;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.monitoring.cases.CaseWorkflow.SubjectType;
import cn.resettle.monitoring.rules.RiskCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Monitoring subjects (监测对象) as other government systems read them: households whose identification case was
 * approved (IDENTIFIED; the latest such case of each household), searched by ID number (exact, checked, matched on
 * the keyed hash the registry copy keeps: monitoring never holds clear numbers) or by region, in the caller's scope,
 * audited with the households shown. A person outside the scope looks like a person who is not a subject.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SubjectExchange {

    static final String SUBJECT = "exchange-subject";

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;
    @Inject
    IdNumberHash idHash;

    public record Search(@Size(max = 18, message = "must be 18 characters") String idNumber,
                         @Pattern(regexp = "[0-9]{6}|[0-9]{9}", message = "must be a county (6 digits) or township (9 digits) code")
                         String regionCode) {
    }

    /** No birth year: the mask hides the ID number's birth-date digits, and the year would give four of them back. */
    public record SubjectMember(UUID personId, String idNumber, String name, String gender,
                                String relationship, String labourCapacity, String employmentStatus, String health,
                                String status, boolean matched) {
    }

    public record Subject(UUID recordId, UUID householdId, String householdNo, String regionCode, String siteCode,
                          SubjectType subjectType, String subjectTypeLabel, OffsetDateTime identifiedAt,
                          List<String> openRiskCategories, List<String> openRiskLabels, boolean riskEliminated,
                          Integer memberCount, List<SubjectMember> members) {
    }

    /** The latest IDENTIFIED case of each household (alias c). */
    static final String LATEST_IDENTIFIED = "c.status = 'IDENTIFIED' and not exists (select 1 from monitoring_case c2 "
            + "where c2.household_id = c.household_id and c2.status = 'IDENTIFIED' "
            + "and (c2.closed_at > c.closed_at or (c2.closed_at = c.closed_at and c2.id > c.id)))";

    static final String SELECT = "c.id as case_id, c.household_id, coalesce(h.household_no, c.household_no) as household_no, "
            + "c.region_code, c.site_code, c.subject_type, c.closed_at, h.member_count";
    static final String FROM = "monitoring_case c left join registry_household h on h.id = c.household_id";

    public PageResult<Subject> search(Search search, PageRequest page) {
        if (search == null || (search.idNumber() == null) == (search.regionCode() == null)) {
            throw DomainException.invalid(search != null && search.idNumber() != null ? "regionCode" : "idNumber",
                    "give exactly one of idNumber or regionCode");
        }
        ListQuery q = ListQuery.scoped(scope.filter("c.region_code", "c.site_code")).and(LATEST_IDENTIFIED);
        UUID matched = null;
        String detail;
        if (search.idNumber() != null) {
            String id = CitizenIds.normalize(search.idNumber());
            CitizenIds.check(id, LocalDate.now()).ifPresent(problem -> {
                throw DomainException.invalid("idNumber", problem.message);
            });
            @SuppressWarnings("unchecked")
            List<Object[]> person = em.createNativeQuery("select p.id, p.household_id from registry_person p where p.id_number_hash = ?1")
                    .setParameter(1, idHash.of(id)).getResultList();
            if (person.isEmpty()) {
                audit.list(SUBJECT, List.of(), false, "search by idNumber: no subject in scope");
                return PageResult.of(List.of(), page, 0);
            }
            matched = (UUID) person.get(0)[0];
            q.and("c.household_id = :household", "household", person.get(0)[1]);
            detail = "search by idNumber";
        } else {
            q.and("c.region_code like :region", "region", search.regionCode() + "%");
            detail = "search by region " + search.regionCode();
        }
        PageResult<Tuple> rows = q.nativePage(em, SELECT, FROM, "c.region_code, c.id", page, t -> t);
        List<UUID> households = rows.items().stream().map(t -> t.get("household_id", UUID.class)).toList();
        audit.list(SUBJECT, households, false, households.isEmpty() && matched != null ? detail + ": no subject in scope" : detail);
        Map<UUID, List<SubjectMember>> members = members(households, matched);
        Map<UUID, List<String>> risks = openRisks(households);
        return rows.map(t -> subject(t, members, risks));
    }

    static Subject subject(Tuple t, Map<UUID, List<SubjectMember>> members, Map<UUID, List<String>> risks) {
        UUID household = t.get("household_id", UUID.class);
        SubjectType type = SubjectType.valueOf(t.get("subject_type", String.class));
        List<String> open = risks.getOrDefault(household, List.of());
        Number count = (Number) t.get("member_count");
        return new Subject(t.get("case_id", UUID.class), household, t.get("household_no", String.class),
                t.get("region_code", String.class), t.get("site_code", String.class), type, type.label(),
                SqlValues.time(t.get("closed_at")), open, open.stream().map(SubjectExchange::riskLabel).toList(),
                open.isEmpty(), count == null ? null : count.intValue(), members.getOrDefault(household, List.of()));
    }

    static String riskLabel(String category) {
        try {
            return RiskCategory.valueOf(category).label();
        } catch (IllegalArgumentException e) {
            return category;
        }
    }

    /** Members from the registry copy (masked ID numbers and birth years only: monitoring holds nothing more). */
    Map<UUID, List<SubjectMember>> members(List<UUID> households, UUID matched) {
        Map<UUID, List<SubjectMember>> out = new HashMap<>();
        if (households.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select p.id, p.household_id, p.id_number_masked, p.name, p.gender, "
                        + "p.relationship, p.labour_capacity, p.employment_status, p.health, p.status from registry_person p "
                        + "where p.household_id in (:ids) order by p.household_id, p.relationship <> 'HEAD', p.name, p.id", Tuple.class)
                .setParameter("ids", households).getResultList();
        for (Tuple p : rows) {
            UUID id = p.get("id", UUID.class);
            out.computeIfAbsent(p.get("household_id", UUID.class), k -> new ArrayList<>()).add(new SubjectMember(id,
                    p.get("id_number_masked", String.class), p.get("name", String.class), text(p.get("gender")),
                    p.get("relationship", String.class),
                    p.get("labour_capacity", String.class), p.get("employment_status", String.class),
                    p.get("health", String.class), p.get("status", String.class), id.equals(matched)));
        }
        return out;
    }

    /** varchar(1) columns come back as Character. */
    static String text(Object o) {
        return o == null ? null : o.toString();
    }

    Map<UUID, List<String>> openRisks(List<UUID> households) {
        Map<UUID, List<String>> out = new HashMap<>();
        if (households.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.household_id, r.category from risk r where r.household_id in (:ids) "
                        + "and r.status in ('OPEN', 'LONG_TERM') order by r.household_id, r.flagged_at")
                .setParameter("ids", households).getResultList();
        rows.forEach(r -> out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((String) r[1]));
        return out;
    }
}
