package cn.resettle.community.exchange;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.Masking;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.validation.CitizenIds;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.exchange.ExchangeDtos.RegistryHousehold;
import cn.resettle.community.exchange.ExchangeDtos.RegistryPerson;
import cn.resettle.community.exchange.ExchangeDtos.Search;
import cn.resettle.community.household.Enums.PersonStatus;
import cn.resettle.community.household.Enums.Relationship;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The registry as other government systems read it (数据共享交换): by ID number (exact) or by region, in the caller's
 * data scope, masked by role, every answer audited with the households it showed. An ID-number search is not an
 * oracle: a malformed number or a wrong check character is a 400 before any lookup, and a person outside the caller's
 * scope looks exactly like a person who is not registered (an empty page). Misses are audited too (with no household),
 * so a caller trying numbers shows up in the trail.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RegistryExchangeService {

    static final String SUBJECT = "exchange-household";

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;

    public PageResult<RegistryHousehold> search(Search search, PageRequest page) {
        boolean full = scope.seesFullIdentity();
        if (search == null || (search.idNumber() == null) == (search.regionCode() == null)) {
            throw DomainException.invalid(search != null && search.idNumber() != null ? "regionCode" : "idNumber",
                    "give exactly one of idNumber or regionCode");
        }
        if (search.idNumber() != null) {
            String id = validIdNumber(search.idNumber());
            Person p = Person.findByIdNumber(id).orElse(null);
            Household h = p == null ? null : p.household;
            if (h == null || !scope.allows(h.regionCode, h.siteCode)) {
                audit.list(SUBJECT, List.of(), full, "search by idNumber: no household in scope");
                return PageResult.of(List.of(), page, 0);
            }
            audit.list(SUBJECT, List.of(h.id), full, "search by idNumber");
            return PageResult.of(List.of(view(h, h.members, full, p.id)), page, 1);
        }
        PageResult<Household> households = ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("h.region_code like :region", "region", search.regionCode() + "%")
                .entityPage(em, Household.class, "household h", "h.region_code, h.household_no", page,
                        h -> List.of(h.regionCode, h.householdNo));
        List<UUID> ids = households.items().stream().map(h -> h.id).toList();
        audit.list(SUBJECT, ids, full, "search by region " + search.regionCode());
        Map<UUID, List<Person>> members = members(ids);
        return households.map(h -> view(h, members.getOrDefault(h.id, List.of()), full, null));
    }

    /** 400 naming {@code idNumber} unless it is a well-formed 18-character number with the right check character. */
    static String validIdNumber(String raw) {
        String id = CitizenIds.normalize(raw);
        CitizenIds.check(id, LocalDate.now()).ifPresent(problem -> {
            throw DomainException.invalid("idNumber", problem.message);
        });
        return id;
    }

    Map<UUID, List<Person>> members(Collection<UUID> householdIds) {
        if (householdIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select p from Person p where p.household.id in :ids order by p.seq", Person.class)
                .setParameter("ids", householdIds).getResultList().stream()
                .collect(Collectors.groupingBy(p -> p.household.id));
    }

    /** Masked views carry neither the birth-date digits of the ID number nor the birth date: only the age. */
    static RegistryHousehold view(Household h, List<Person> members, boolean full, UUID matched) {
        List<Person> active = members.stream().filter(p -> p.status == PersonStatus.ACTIVE).toList();
        String head = active.stream().filter(p -> p.relationship == Relationship.HEAD).map(p -> p.name).findFirst()
                .orElse(active.isEmpty() ? null : active.get(0).name);
        List<RegistryPerson> people = members.stream().map(p -> new RegistryPerson(p.id,
                full ? p.idNumber : Masking.idNumber(p.idNumber), p.name, p.gender, p.gender.label(),
                full ? p.birthDate : null, Period.between(p.birthDate, LocalDate.now()).getYears(),
                p.relationship, p.relationship.label(), p.education, p.health, p.disabilityLevel, p.labourCapacity,
                p.employmentStatus, p.status, p.status.label(), p.id.equals(matched))).toList();
        return new RegistryHousehold(h.id, h.householdNo, h.regionCode, h.siteCode, h.relocationType,
                h.relocationType.label(), h.placementType, h.placementType.label(), h.status, h.status.label(),
                h.relocatedOn, full ? h.phone : Masking.phone(h.phone), head, active.size(), people);
    }
}
