package cn.resettle.employment.labour;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.labour.LabourDtos.LabourUpdate;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.skills.SkillDictionary;
import cn.resettle.employment.web.Xlsx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.resettle.common.web.SqlValues.date;

/**
 * The labour registry 劳动力台账: every member of a household in the caller's scope who can work (full or weak
 * labour), with what employment keeps about them (skills, wishes, training wish, whether they can leave home) and
 * where they work now. Lists are scoped, paged, masked (the copy holds only the masked ID number and the birth year)
 * and audited; the five lists of 004 are conditions on the same query.
 */
@ApplicationScoped
@Transactional
public class LabourService {

    /** The current employment status: employment's own record first, the registry's monthly status otherwise. */
    public static final String STATUS = "coalesce(e.status, p.employment_status)";
    static final String FROM = """
            registry_person p join registry_household h on h.id = p.household_id
            left join labour_profile l on l.person_id = p.id
            left join person_employment e on e.person_id = p.id""";
    /** The tables of the labour registry (p person, h household, l labour_profile, e person_employment). */
    public static final String FROM_SQL = FROM;
    static final String SELECT = """
            p.id as person_id, p.household_id, h.household_no, h.site_code, h.region_code, p.name, p.id_number_masked,
            p.gender, p.birth_year, p.labour_capacity, %s as status, e.employer, e.workplace, e.since,
            array_to_string(l.skills, ',') as skills, array_to_string(l.desired_skills, ',') as desired_skills,
            l.wish_to_work, l.training_wish, array_to_string(l.training_skills, ',') as training_skills,
            l.can_leave_home, l.note, l.checked_on, l.version""".formatted(STATUS);
    static final String ORDER = "h.region_code, h.site_code, h.household_no, p.birth_year, p.id";

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;
    @Inject
    SkillDictionary skills;

    public record Filter(LabourList list, String siteCode, String regionCode, String skill, String labourCapacity,
                         Boolean notCheckedThisMonth, UUID householdId) {
    }

    public PageResult<LabourView> list(Filter f, PageRequest page) {
        ListQuery q = query(f);
        PageResult<LabourView> result = q.nativePage(em, SELECT, FROM, ORDER, page, LabourService::view);
        audit.list("labour-record", result.items().stream().map(LabourView::householdId).distinct().toList(), false, describe(f));
        return result;
    }

    public LabourView get(UUID personId) {
        LabourView v = find(personId);
        audit.read("labour-record", v.householdId(), false);
        return v;
    }

    public LabourView update(UUID personId, LabourUpdate req) {
        LabourView current = find(personId);
        if (!LabourCapacity.canWork(current.labourCapacity())) {
            throw DomainException.unprocessable("no-labour-capacity",
                    "the registry records this person without labour capacity; the labour registry keeps only people who can work");
        }
        List<String> have = skills.require("skills", req.skills());
        List<String> desired = skills.require("desiredSkills", req.desiredSkills());
        List<String> training = skills.require("trainingSkills", req.trainingSkills());
        if (current.version() != null && (req.version() == null || !req.version().equals(current.version()))) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                    "the labour record was changed by someone else since you read it (version " + current.version() + "); reload it");
        }
        if (current.version() == null && req.version() != null && req.version() != 0) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version",
                    "the person has no labour record yet; send no version (or 0)");
        }
        boolean canLeaveHome = req.canLeaveHome() == null || req.canLeaveHome();
        em.createNativeQuery("""
                        insert into labour_profile (person_id, household_id, skills, desired_skills, wish_to_work, training_wish,
                          training_skills, can_leave_home, note, checked_on, version, updated_by, updated_at)
                        values (:p, :h, string_to_array(:skills, ','), string_to_array(:desired, ','), :wish, :training,
                          string_to_array(:trainingSkills, ','), :leave, :note, :today, 0, :by, :now)
                        on conflict (person_id) do update set household_id = excluded.household_id, skills = excluded.skills,
                          desired_skills = excluded.desired_skills, wish_to_work = excluded.wish_to_work,
                          training_wish = excluded.training_wish, training_skills = excluded.training_skills,
                          can_leave_home = excluded.can_leave_home, note = excluded.note, checked_on = excluded.checked_on,
                          version = labour_profile.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .setParameter("p", personId).setParameter("h", current.householdId())
                .setParameter("skills", String.join(",", have)).setParameter("desired", String.join(",", desired))
                .setParameter("wish", req.wishToWork()).setParameter("training", req.trainingWish())
                .setParameter("trainingSkills", String.join(",", training)).setParameter("leave", canLeaveHome)
                .setParameter("note", req.note()).setParameter("today", LocalDate.now())
                .setParameter("by", scope.actor()).setParameter("now", OffsetDateTime.now()).executeUpdate();
        return find(personId);
    }

    /** The list as .xlsx, every row of the selection (refused when larger than a sheet), audited as one export. */
    public Response export(Filter f) {
        ListQuery q = query(f);
        Query ids = em.createNativeQuery("select distinct p.household_id from " + FROM + " where " + q.where());
        Query count = em.createNativeQuery("select count(*) from " + FROM + " where " + q.where());
        q.params().forEach((k, v) -> {
            ids.setParameter(k, v);
            count.setParameter(k, v);
        });
        Xlsx.requireFits(((Number) count.getSingleResult()).longValue());
        @SuppressWarnings("unchecked")
        List<UUID> households = ids.getResultList();
        audit.export("labour-record", households, false, describe(f));
        Map<String, String> labels = skills.labels();
        String title = f.list() == null ? "劳动力台账" : f.list().label();
        String[] headers = {"户编号", "安置点", "乡镇", "姓名", "身份证号", "性别", "年龄", "劳动能力", "就业状况", "就业单位",
                "务工地点", "就业时间", "掌握技能", "意向工种", "就业意愿", "培训意愿", "意向培训", "能否外出", "备注", "更新日期"};
        return Xlsx.stream(em, "select " + SELECT + " from " + FROM + " where " + q.where() + " order by " + ORDER, q.params(),
                title, headers, t -> {
                    LabourView v = view(t);
                    return new Object[]{v.householdNo(), v.siteCode(), v.regionCode(), v.name(), v.idNumber(),
                            "M".equals(v.gender()) ? "男" : "F".equals(v.gender()) ? "女" : v.gender(), v.age(),
                            label(LabourCapacity.class, v.labourCapacity()),
                            label(cn.resettle.common.registry.EmploymentStatus.class, v.employmentStatus()),
                            v.employer(), v.workplace(), v.employedSince(), labels(v.skills(), labels),
                            labels(v.desiredSkills(), labels), v.wishToWork() == null ? "未登记" : v.wishToWork() ? "有" : "无",
                            v.trainingWish() ? "有" : "无", labels(v.trainingSkills(), labels), v.canLeaveHome() ? "能" : "不能",
                            v.note(), v.checkedOn()};
                }, title + ".xlsx");
    }

    /** A person of the labour registry inside the caller's scope, or 404. */
    public LabourView find(UUID personId) {
        Query q = em.createNativeQuery("select " + SELECT + " from " + FROM + " where p.id = :id", Tuple.class).setParameter("id", personId);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = q.getResultList();
        if (rows.isEmpty() || !scope.allows(rows.get(0).get("region_code", String.class), rows.get(0).get("site_code", String.class))) {
            throw DomainException.notFound("person", personId);
        }
        return view(rows.get(0));
    }

    private ListQuery query(Filter f) {
        ListQuery q = ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("p.status = 'ACTIVE'")
                .and("p.labour_capacity in ('" + String.join("','", LabourCapacity.workingCodes()) + "')")
                .and("h.site_code = :site", "site", f.siteCode())
                .and("h.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and(":skill = any(l.skills)", "skill", f.skill())
                .and("p.labour_capacity = :capacity", "capacity", f.labourCapacity())
                .and("p.household_id = :household", "household", f.householdId());
        if (f.list() != null) {
            q.and(f.list().condition(STATUS));
        }
        if (Boolean.TRUE.equals(f.notCheckedThisMonth())) {
            q.and("(l.checked_on is null or l.checked_on < :monthStart)").param("monthStart", LocalDate.now().withDayOfMonth(1));
        }
        return q;
    }

    static LabourView view(Tuple t) {
        Integer birthYear = t.get("birth_year") == null ? null : ((Number) t.get("birth_year")).intValue();
        Object version = t.get("version");
        Object canLeave = t.get("can_leave_home");
        return new LabourView(t.get("person_id", UUID.class), t.get("household_id", UUID.class),
                t.get("household_no", String.class), t.get("site_code", String.class), t.get("region_code", String.class),
                t.get("name", String.class), t.get("id_number_masked", String.class),
                t.get("gender") == null ? null : t.get("gender").toString(),
                birthYear == null ? null : Year.now().getValue() - birthYear, t.get("labour_capacity", String.class),
                t.get("status", String.class), t.get("employer", String.class), t.get("workplace", String.class),
                date(t.get("since")), codes(t.get("skills", String.class)), codes(t.get("desired_skills", String.class)),
                (Boolean) t.get("wish_to_work"), Boolean.TRUE.equals(t.get("training_wish")),
                codes(t.get("training_skills", String.class)), canLeave == null || Boolean.TRUE.equals(canLeave),
                t.get("note", String.class), date(t.get("checked_on")), version == null ? null : ((Number) version).longValue());
    }

    static List<String> codes(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String labels(List<String> codes, Map<String, String> labels) {
        return codes.isEmpty() ? null : String.join("、", codes.stream().map(c -> labels.getOrDefault(c, c)).toList());
    }

    private static <E extends Enum<E> & cn.resettle.common.web.DictionaryEntry.Labelled> String label(Class<E> type, String code) {
        if (code == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(code)).map(E::label).findFirst().orElse(code);
    }

    private static String describe(Filter f) {
        return "list=" + f.list() + ",site=" + f.siteCode() + ",region=" + f.regionCode() + ",skill=" + f.skill();
    }
}
