package cn.resettle.community.household;

import cn.resettle.common.events.CommunityEvents.HouseholdMovedOut;
import cn.resettle.common.events.CommunityEvents.HouseholdRegistered;
import cn.resettle.common.events.CommunityEvents.HouseholdUpdated;
import cn.resettle.common.events.CommunityEvents.MemberAdded;
import cn.resettle.common.events.CommunityEvents.MemberUpdated;
import cn.resettle.common.events.HouseholdSnapshot;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.IdNumberHash;
import cn.resettle.common.security.Masking;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.validation.CitizenIds;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Enums.Gender;
import cn.resettle.community.household.Enums.HouseholdStatus;
import cn.resettle.community.household.Enums.PersonStatus;
import cn.resettle.community.household.Enums.PlacementType;
import cn.resettle.community.household.Enums.Relationship;
import cn.resettle.community.household.Enums.RelocationType;
import cn.resettle.community.household.HouseholdDtos.HouseholdRequest;
import cn.resettle.community.household.HouseholdDtos.HouseholdUpdate;
import cn.resettle.community.household.HouseholdDtos.HouseholdView;
import cn.resettle.community.household.HouseholdDtos.MemberRequest;
import cn.resettle.community.household.HouseholdDtos.MemberUpdate;
import cn.resettle.community.household.HouseholdDtos.MoveOutRequest;
import cn.resettle.community.household.HouseholdDtos.PersonView;
import cn.resettle.community.site.Site;
import cn.resettle.community.site.SiteStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The household registry. Every change is one transaction with its event in the outbox. */
@ApplicationScoped
@Transactional
public class HouseholdService {

    @Inject
    DataScope scope;
    @Inject
    Outbox outbox;
    @Inject
    PersonalDataAudit audit;
    @Inject
    EntityManager em;
    @Inject
    IdNumberHash idHash;

    public record Filter(String regionCode, UUID siteId, RelocationType relocationType, LabourCapacity labourCapacity,
                         HouseholdStatus status) {
        String describe() {
            return "region=" + regionCode + ",site=" + siteId + ",relocation=" + relocationType + ",labour="
                    + labourCapacity + ",status=" + status;
        }
    }

    public HouseholdView register(HouseholdRequest req) {
        Household h = create(req);
        return view(h, true);
    }

    /** Creates the household and its members and writes the event; used by the API and by bulk import. */
    public Household create(HouseholdRequest req) {
        Site site = null;
        if (req.placementType() == PlacementType.CENTRALIZED && req.siteId() != null) {
            site = Site.findById(req.siteId());
            if (site == null) {
                throw DomainException.invalid("siteId", "no such site");
            }
        }
        String region = placement(req, site);
        if (Household.findByNo(req.householdNo()).isPresent()) {
            throw DomainException.conflict("duplicate-household-no", "household " + req.householdNo() + " is already registered");
        }
        List<MemberRequest> members = req.members() == null ? List.of() : req.members();
        checkMembers(members);
        Household h = build(req, site, region, members);
        em.flush();
        outbox.publish(Topics.COMMUNITY, h.id, new HouseholdRegistered(snapshot(h)));
        return h;
    }

    /**
     * The import's bulk path: the caller has already checked, for the whole chunk in one statement each, that neither
     * the household number nor any member's ID number is registered (the unique indexes still hold if two imports
     * race). Nothing is flushed here: the chunk's households, people and outbox rows go out in JDBC batches.
     */
    public Household createChecked(HouseholdRequest req, Site site) {
        String region = placement(req, site);
        List<MemberRequest> members = req.members() == null ? List.of() : req.members();
        if (members.stream().filter(m -> m.relationship() == Relationship.HEAD).count() > 1) {
            throw DomainException.invalid("members", "a household has one head (户主)");
        }
        Household h = build(req, site, region, members);
        outbox.publish(Topics.COMMUNITY, h.id, new HouseholdRegistered(snapshot(h)));
        return h;
    }

    /** The household's township, after the placement rules (site given and open for centralized placement) and the scope. */
    private String placement(HouseholdRequest req, Site site) {
        String region = req.regionCode();
        if (req.placementType() == PlacementType.CENTRALIZED) {
            if (req.siteId() == null) {
                throw DomainException.invalid("siteId", "centralized placement needs the site");
            }
            if (site == null) {
                throw DomainException.invalid("siteId", "no such site");
            }
            if (site.status != SiteStatus.ACTIVE) {
                throw DomainException.unprocessable("site-closed", "site " + site.code + " is closed");
            }
            if (region != null && !region.equals(site.townshipCode)) {
                throw DomainException.invalid("regionCode", "the site is in township " + site.townshipCode);
            }
            region = site.townshipCode;
        } else {
            if (req.siteId() != null) {
                throw DomainException.invalid("siteId", "dispersed placement has no site");
            }
            if (region == null) {
                throw DomainException.invalid("regionCode", "dispersed placement needs the township code");
            }
        }
        if (!scope.allows(region, site == null ? null : site.code)) {
            throw DomainException.forbidden("you cannot register households in " + (site == null ? region : site.code));
        }
        return region;
    }

    private Household build(HouseholdRequest req, Site site, String region, List<MemberRequest> members) {
        Household h = new Household();
        h.id = UUID.randomUUID();
        h.householdNo = req.householdNo();
        h.siteId = site == null ? null : site.id;
        h.siteCode = site == null ? null : site.code;
        h.regionCode = region;
        h.relocationType = req.relocationType();
        h.placementType = req.placementType();
        h.houseType = req.houseType();
        h.houseArea = req.houseArea();
        h.originPlace = req.originPlace();
        h.originRegionCode = req.originRegionCode();
        h.homesteadArea = req.homesteadArea();
        h.farmlandMu = req.farmlandMu();
        h.forestMu = req.forestMu();
        h.phone = req.phone();
        h.relocatedOn = req.relocatedOn();
        h.status = HouseholdStatus.ACTIVE;
        h.createdAt = h.updatedAt = OffsetDateTime.now();
        h.persist();
        for (MemberRequest m : members) {
            addPerson(h, m);
        }
        return h;
    }

    private void checkMembers(List<MemberRequest> members) {
        Set<String> seen = new HashSet<>();
        long heads = members.stream().filter(m -> m.relationship() == Relationship.HEAD).count();
        if (heads > 1) {
            throw DomainException.invalid("members", "a household has one head (户主)");
        }
        for (int i = 0; i < members.size(); i++) {
            String id = CitizenIds.normalize(members.get(i).idNumber());
            if (!seen.add(id)) {
                throw DomainException.invalid("members[" + i + "].idNumber", "the same ID number appears twice");
            }
            if (Person.findByIdNumber(id).isPresent()) {
                throw new DomainException(409, "duplicate-id-number", "冲突 Conflict",
                        "members[" + i + "].idNumber: a person with this ID number is already registered",
                        List.of(new cn.resettle.common.problem.Problem.Violation("members[" + i + "].idNumber", "already registered")));
            }
        }
    }

    public Person addPerson(Household h, MemberRequest m) {
        String id = CitizenIds.normalize(m.idNumber());
        Person p = new Person();
        p.id = UUID.randomUUID();
        p.household = h;
        p.seq = h.members.size() + 1;
        p.idNumber = id;
        p.name = m.name().trim();
        p.gender = Gender.valueOf(CitizenIds.gender(id));
        p.birthDate = CitizenIds.birthDate(id);
        p.relationship = m.relationship();
        p.education = m.education();
        p.health = m.health();
        p.disabilityLevel = m.disabilityLevel();
        p.labourCapacity = m.labourCapacity();
        p.skills = m.skills();
        p.employmentStatus = m.employmentStatus();
        p.trainingWish = m.trainingWish();
        p.workplace = m.workplace();
        p.phone = m.phone();
        p.status = PersonStatus.ACTIVE;
        p.updatedAt = OffsetDateTime.now();
        h.members.add(p);
        p.persist();
        return p;
    }

    public void flush() {
        em.flush();
    }

    public HouseholdView update(UUID id, HouseholdUpdate req) {
        Household h = writable(id, req.version());
        h.houseType = req.houseType();
        h.houseArea = req.houseArea();
        h.originPlace = req.originPlace();
        h.originRegionCode = req.originRegionCode();
        h.homesteadArea = req.homesteadArea();
        h.farmlandMu = req.farmlandMu();
        h.forestMu = req.forestMu();
        h.phone = req.phone();
        h.relocatedOn = req.relocatedOn();
        h.touch();
        em.flush();
        outbox.publish(Topics.COMMUNITY, h.id, new HouseholdUpdated(snapshot(h)));
        return view(h, true);
    }

    public HouseholdView moveOut(UUID id, MoveOutRequest req) {
        Household h = writable(id, req.version());
        if (h.status == HouseholdStatus.MOVED_OUT) {
            throw DomainException.conflict("already-moved-out", "household " + h.householdNo + " has already moved out");
        }
        h.status = HouseholdStatus.MOVED_OUT;
        h.movedOutOn = req.movedOutOn();
        h.movedOutReason = req.reason();
        h.touch();
        em.flush();
        outbox.publish(Topics.COMMUNITY, h.id, new HouseholdMovedOut(snapshot(h), req.reason(), req.movedOutOn()));
        return view(h, true);
    }

    /** The most members one household may have (the same limit as import): a larger one is a data error. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "resettle.import.max-members", defaultValue = "30")
    int maxMembers;

    public HouseholdView addMember(UUID householdId, MemberRequest req) {
        Household h = visible(householdId);
        requireActive(h);
        if (h.members.size() >= maxMembers) {
            throw DomainException.unprocessable("household-too-large", "户 " + h.householdNo + " 已有 " + h.members.size()
                    + " 名成员, 上限 " + maxMembers + " / the household already has " + h.members.size()
                    + " members, the most one household may have");
        }
        checkMembers(List.of(req));
        Person p = addPerson(h, req);
        h.touch();
        em.flush();
        outbox.publish(Topics.COMMUNITY, h.id, new MemberAdded(snapshot(h), p.id));
        return view(h, true);
    }

    public HouseholdView updateMember(UUID householdId, UUID personId, MemberUpdate req) {
        Household h = visible(householdId);
        Person p = h.members.stream().filter(m -> m.id.equals(personId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("person", personId));
        if (p.version != req.version()) {
            throw staleVersion();
        }
        if (req.relationship() == Relationship.HEAD && p.relationship != Relationship.HEAD
                && h.members.stream().anyMatch(m -> m.relationship == Relationship.HEAD && m.status == PersonStatus.ACTIVE)) {
            throw DomainException.invalid("relationship", "the household already has a head (户主)");
        }
        p.name = req.name().trim();
        p.relationship = req.relationship();
        p.education = req.education();
        p.health = req.health();
        p.disabilityLevel = req.disabilityLevel();
        p.labourCapacity = req.labourCapacity();
        p.skills = req.skills();
        p.employmentStatus = req.employmentStatus();
        p.trainingWish = req.trainingWish();
        p.workplace = req.workplace();
        p.phone = req.phone();
        if (req.status() != null) {
            p.status = req.status();
        }
        p.updatedAt = OffsetDateTime.now();
        h.touch();
        em.flush();
        outbox.publish(Topics.COMMUNITY, h.id, new MemberUpdated(snapshot(h), p.id));
        return view(h, true);
    }

    public HouseholdView get(UUID id) {
        readOnly();
        Household h = visible(id);
        audit.read("household", h.id, scope.seesFullIdentity());
        return view(h, true);
    }

    /** The order of the households list, the ledger and their cursors: township, then household number (unique). */
    static final String ORDER = "h.region_code, h.household_no";

    /**
     * One page of households in (township, household number) order, by offset or by {@code cursor}; one statement
     * for the rows, members of the page in batches, and a total that is exact up to the configured limit and the
     * planner's estimate above it (see ListQuery).
     */
    public PageResult<HouseholdView> list(Filter filter, PageRequest page) {
        readOnly();
        PageResult<Household> households = query(filter)
                .entityPage(em, Household.class, "household h", ORDER, page, h -> List.of(h.regionCode, h.householdNo));
        List<UUID> ids = households.items().stream().map(h -> h.id).toList();
        audit.list("household", ids, scope.seesFullIdentity(), filter.describe());
        Map<UUID, Object[]> summaries = summaries(ids);
        return households.map(h -> {
            Object[] s = summaries.get(h.id);
            return view(h, s == null ? null : (String) s[1], s == null ? 0 : ((Number) s[2]).intValue());
        });
    }

    /**
     * A read: what this transaction loads is not kept for dirty checking and nothing is flushed before its queries
     * (the session ends with the transaction; the audit row is a statement of its own).
     */
    private void readOnly() {
        org.hibernate.Session session = em.unwrap(org.hibernate.Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(org.hibernate.FlushMode.MANUAL);
    }

    /** Head's name (else the first active member's) and active members of each household: one statement for a page. */
    private Map<UUID, Object[]> summaries(List<UUID> ids) {
        Map<UUID, Object[]> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.household_id, (array_agg(p.name order by p.relationship <> 'HEAD', p.seq)"
                        + " filter (where p.status = 'ACTIVE'))[1], count(*) filter (where p.status = 'ACTIVE') from person p "
                        + "where p.household_id in (:ids) group by p.household_id")
                .setParameter("ids", ids).getResultList();
        rows.forEach(r -> out.put((UUID) r[0], r));
        return out;
    }

    /**
     * The ledger in chunks of {@code chunk} households (keyset order, members fetched in batches), each handed to
     * {@code sink} and then detached so memory stays flat however large the scope. Audited once per chunk.
     * Returns the number of households written.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED) // read chunk by chunk: a county's ledger outlasts any transaction timeout
    public long ledger(Filter filter, int chunk, java.util.function.Consumer<List<HouseholdView>> sink) {
        long done = 0;
        String cursor = null;
        while (true) {
            PageRequest page = new PageRequest(0, chunk, cursor);
            PageResult<Household> households = query(filter)
                    .entityPage(em, Household.class, "household h", ORDER, page, h -> List.of(h.regionCode, h.householdNo));
            if (households.items().isEmpty()) {
                return done;
            }
            audit.export("household", households.items().stream().map(h -> h.id).toList(), scope.seesFullIdentity(), filter.describe());
            sink.accept(households.items().stream().map(h -> view(h, true)).toList());
            done += households.items().size();
            em.clear();
            cursor = households.nextCursor();
            if (cursor == null) {
                return done;
            }
        }
    }

    /** Ledger rows (members of the households in scope and filter): the job's 100 %. */
    public long ledgerRows(Filter filter) {
        ListQuery q = query(filter);
        var count = em.createNativeQuery("select count(*) from household h join person p on p.household_id = h.id where " + q.where());
        q.params().forEach(count::setParameter);
        return ((Number) count.getSingleResult()).longValue();
    }

    private ListQuery query(Filter filter) {
        return ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("h.region_code like :region", "region", filter.regionCode() == null ? null : filter.regionCode() + "%")
                .and("h.site_id = :siteId", "siteId", filter.siteId())
                .and("h.relocation_type = :relocationType", "relocationType",
                        filter.relocationType() == null ? null : filter.relocationType().name())
                .and("h.status = :status", "status", filter.status() == null ? null : filter.status().name())
                .and("exists (select 1 from person m where m.household_id = h.id and m.status = 'ACTIVE' "
                                + "and m.labour_capacity = :labour)", "labour",
                        filter.labourCapacity() == null ? null : filter.labourCapacity().name());
    }

    public Household visible(UUID id) {
        Household h = Household.findById(id);
        if (h == null || !scope.allows(h.regionCode, h.siteCode)) {
            throw DomainException.notFound("household", id);
        }
        return h;
    }

    private Household writable(UUID id, Long version) {
        Household h = visible(id);
        if (version == null || h.version != version) {
            throw staleVersion();
        }
        return h;
    }

    private static void requireActive(Household h) {
        if (h.status != HouseholdStatus.ACTIVE) {
            throw DomainException.unprocessable("household-moved-out", "household " + h.householdNo + " has moved out");
        }
    }

    private static DomainException staleVersion() {
        return new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                "the record was changed by someone else since you read it; reload and apply your change again");
    }

    /** The household as events carry it: each member's ID number hashed and masked, the birth year only. */
    public HouseholdSnapshot snapshot(Household h) {
        List<HouseholdSnapshot.Member> members = h.members.stream().map(p -> HouseholdSnapshot.Member.of(
                p.id, p.idNumber, idHash, p.name, p.gender.name(), p.birthDate.getYear(), p.relationship.name(),
                p.labourCapacity.name(), p.employmentStatus.name(), p.health == null ? null : p.health.name(),
                p.status.name())).toList();
        return new HouseholdSnapshot(h.id, h.version, h.householdNo, h.siteId, h.siteCode, h.regionCode,
                h.relocationType.name(), h.placementType.name(), h.houseType == null ? null : h.houseType.name(),
                h.originPlace, h.status.name(), members);
    }

    /** The list's view: no members, the head's name and member count given (read for the whole page at once). */
    HouseholdView view(Household h, String head, int activeMembers) {
        boolean full = scope.seesFullIdentity();
        return new HouseholdView(h.id, h.version, h.householdNo, h.siteId, h.siteCode, h.regionCode, h.relocationType,
                h.placementType, h.houseType, h.houseArea, h.originPlace, h.originRegionCode, h.homesteadArea,
                h.farmlandMu, h.forestMu, full ? h.phone : Masking.phone(h.phone), h.relocatedOn, h.status,
                h.movedOutOn, h.movedOutReason, head, activeMembers, null);
    }

    // no transaction of its own: the class's REQUIRED would begin and commit one per household when the ledger (which
    // runs without a transaction) maps its chunks (seen in a thread dump of the county ledger job: 1,300 rows/s)
    @Transactional(Transactional.TxType.SUPPORTS)
    HouseholdView view(Household h, boolean withMembers) {
        boolean full = scope.seesFullIdentity();
        List<Person> active = h.members.stream().filter(p -> p.status == PersonStatus.ACTIVE).toList();
        String head = active.stream().filter(p -> p.relationship == Relationship.HEAD).map(p -> p.name).findFirst()
                .orElse(active.isEmpty() ? null : active.get(0).name);
        List<PersonView> members = withMembers
                ? h.members.stream().map(p -> personView(p, full)).collect(Collectors.toList())
                : null;
        return new HouseholdView(h.id, h.version, h.householdNo, h.siteId, h.siteCode, h.regionCode, h.relocationType,
                h.placementType, h.houseType, h.houseArea, h.originPlace, h.originRegionCode, h.homesteadArea,
                h.farmlandMu, h.forestMu, full ? h.phone : Masking.phone(h.phone), h.relocatedOn, h.status,
                h.movedOutOn, h.movedOutReason, head, active.size(), members);
    }

    /**
     * A member as the caller may see it. Masked views carry neither the 8 birth-date digits of the ID number nor the
     * birth date itself (together they rebuild the number): only the age.
     */
    static PersonView personView(Person p, boolean full) {
        return new PersonView(p.id, p.version, full ? p.idNumber : Masking.idNumber(p.idNumber), p.name, p.gender,
                full ? p.birthDate : null, Period.between(p.birthDate, LocalDate.now()).getYears(), p.relationship, p.education,
                p.health, p.disabilityLevel, p.labourCapacity, p.skills, p.employmentStatus, p.trainingWish,
                p.workplace, full ? p.phone : Masking.phone(p.phone), p.status);
    }
}
