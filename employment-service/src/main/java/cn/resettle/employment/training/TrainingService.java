package cn.resettle.employment.training;

import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.labour.LabourService;
import cn.resettle.employment.skills.SkillDictionary;
import cn.resettle.employment.training.TrainingDtos.EnrolmentStatus;
import cn.resettle.employment.training.TrainingDtos.EnrolmentView;
import cn.resettle.employment.training.TrainingDtos.Kind;
import cn.resettle.employment.training.TrainingDtos.Phase;
import cn.resettle.employment.training.TrainingDtos.SessionView;
import cn.resettle.employment.training.TrainingDtos.SiteSessions;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Training 技能培训: sessions at a site (type, dates, provider, the skills taught), enrolment of people of the labour
 * registry, attendance by day, completion with a certificate and the skills gained — added to the person's labour
 * record, announced as {@code training.completed}, and counted as the year's free training offer of "311". Each site's
 * sessions per year, and the sites with none (the seeds want at least one a year).
 * <p>
 * Sessions are in the data scope of their site (a site worker their sites, a township official its sites, the bureau
 * the county); enrolments in the scope of the person's household. A resident sees their own household's enrolments.
 */
@ApplicationScoped
@Transactional
public class TrainingService {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;
    @Inject
    LabourService labour;
    @Inject
    SkillDictionary skills;
    @Inject
    Outbox outbox;

    // --- sessions

    public SessionView create(TrainingDtos.NewSession req) {
        if (req.endsOn().isBefore(req.startsOn())) {
            throw new DomainException(422, "ends-before-start", "无法处理 Rule violated", "endsOn: before startsOn",
                    List.of(new Problem.Violation("endsOn", "must not be before startsOn")));
        }
        if (req.startsOn().getYear() < 2016 || req.endsOn().isAfter(LocalDate.now().plusYears(2))) {
            throw DomainException.invalid("startsOn", "a session between 2016 and two years from now");
        }
        String township = siteTownship(req.siteCode());
        if (township == null) {
            throw new DomainException(422, "unknown-site", "安置点不存在 Unknown site", "siteCode: unknown site",
                    List.of(new Problem.Violation("siteCode", "unknown site")));
        }
        if (!scope.allows(township, req.siteCode())) {
            throw DomainException.forbidden("the site is outside your data scope");
        }
        List<String> taught = skills.require("skills", req.skills());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into training_session (id, version, title, kind, provider, site_code, region_code, starts_on, ends_on,
                          skills, capacity, free, status, created_by, created_at)
                        values (:id, 0, :title, :kind, :provider, :site, :region, :starts, :ends, string_to_array(:skills, ','),
                          :capacity, :free, 'SCHEDULED', :by, :now)""")
                .setParameter("id", id).setParameter("title", req.title().trim()).setParameter("kind", req.kind().name())
                .setParameter("provider", req.provider().trim()).setParameter("site", req.siteCode()).setParameter("region", township)
                .setParameter("starts", req.startsOn()).setParameter("ends", req.endsOn()).setParameter("skills", String.join(",", taught))
                .setParameter("capacity", req.capacity()).setParameter("free", req.free() == null || req.free())
                .setParameter("by", scope.actor()).setParameter("now", OffsetDateTime.now()).executeUpdate();
        return session(id);
    }

    public record SessionFilter(String siteCode, String regionCode, Kind kind, Integer year, Phase phase) {
    }

    public PageResult<SessionView> sessions(SessionFilter f, PageRequest page) {
        return sessionQuery(f).nativePage(em, SESSION_SELECT, "training_session s", "s.starts_on desc, s.id", page, this::sessionView);
    }

    public SessionView session(UUID id) {
        em.flush();
        PageResult<SessionView> one = ListQuery.scoped(scope.filter("s.region_code", "s.site_code")).and("s.id = :id", "id", id)
                .nativePage(em, SESSION_SELECT, "training_session s", "s.id", new PageRequest(0, 1), this::sessionView);
        if (one.items().isEmpty()) {
            throw DomainException.notFound("training session", id);
        }
        return one.items().get(0);
    }

    public Response sessionsExport(SessionFilter f) {
        ListQuery q = sessionQuery(f);
        Xlsx.requireFits(count("training_session s", q));
        String[] headers = {"培训名称", "培训类型", "培训机构", "安置点", "乡镇", "开班日期", "结业日期", "培训工种", "名额", "免费",
                "报名人数", "结业人数"};
        Map<String, String> labels = skills.labels();
        return Xlsx.stream(em, "select " + SESSION_SELECT + " from training_session s where " + q.where() + " order by s.starts_on desc, s.id",
                q.params(), "培训班台账", headers, t -> {
                    SessionView v = sessionView(t);
                    return new Object[]{v.title(), v.kindLabel(), v.provider(), v.siteCode(), v.regionCode(), v.startsOn(), v.endsOn(),
                            labels(v.skills(), labels), v.capacity(), v.free(), v.enrolled(), v.completed()};
                }, "培训班台账.xlsx");
    }

    private ListQuery sessionQuery(SessionFilter f) {
        ListQuery q = ListQuery.scoped(scope.filter("s.region_code", "s.site_code"))
                .and("s.site_code = :site", "site", f.siteCode())
                .and("s.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("s.kind = :kind", "kind", f.kind() == null ? null : f.kind().name());
        if (f.year() != null) {
            q.and("s.starts_on >= :yearFrom and s.starts_on < :yearTo").param("yearFrom", LocalDate.of(f.year(), 1, 1))
                    .param("yearTo", LocalDate.of(f.year() + 1, 1, 1));
        }
        if (f.phase() != null) {
            q.and("(" + PHASE_SQL + ") = :phase").param("phase", f.phase().name());
        }
        return q;
    }

    // --- enrolment, attendance, completion

    public EnrolmentView enrol(UUID sessionId, TrainingDtos.Enrol req) {
        SessionView s = session(sessionId);
        // one enrolment at a time per session: the capacity check and the insert see the same count
        em.createNativeQuery("select id from training_session where id = ?1 for update").setParameter(1, sessionId).getResultList();
        LabourView p = labour.find(req.personId());
        if (!LabourCapacity.canWork(p.labourCapacity())) {
            throw DomainException.unprocessable("no-labour-capacity", "personId: the registry records this person without labour capacity");
        }
        if (s.phase() == Phase.ENDED) {
            throw DomainException.unprocessable("session-ended", "the session ended on " + s.endsOn() + " and takes no enrolment");
        }
        if (!em.createNativeQuery("select 1 from training_enrolment where session_id = ?1 and person_id = ?2")
                .setParameter(1, sessionId).setParameter(2, p.personId()).getResultList().isEmpty()) {
            throw DomainException.conflict("already-enrolled", "personId: the person is enrolled in this session already");
        }
        long enrolled = ((Number) em.createNativeQuery("select count(*) from training_enrolment where session_id = ?1")
                .setParameter(1, sessionId).getSingleResult()).longValue();
        if (enrolled >= s.capacity()) {
            throw DomainException.unprocessable("session-full", "the session has " + s.capacity() + " places and all are taken");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into training_enrolment (id, version, session_id, person_id, household_id, household_no, region_code,
                          site_code, status, enrolled_by, enrolled_at) values (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, 'ENROLLED', ?8, ?9)""")
                .setParameter(1, id).setParameter(2, sessionId).setParameter(3, p.personId()).setParameter(4, p.householdId())
                .setParameter(5, p.householdNo()).setParameter(6, p.regionCode()).setParameter(7, p.siteCode())
                .setParameter(8, scope.actor()).setParameter(9, OffsetDateTime.now()).executeUpdate();
        return enrolment(id);
    }

    /** The people present on a day of the session; recording a day twice changes nothing. Answers the session's roster. */
    public List<EnrolmentView> attendance(UUID sessionId, TrainingDtos.Attendance req) {
        SessionView s = session(sessionId);
        if (req.day().isBefore(s.startsOn()) || req.day().isAfter(s.endsOn())) {
            throw new DomainException(422, "not-a-session-day", "无法处理 Rule violated",
                    "day: the session runs from " + s.startsOn() + " to " + s.endsOn(),
                    List.of(new Problem.Violation("day", "outside the session's dates")));
        }
        List<UUID> people = new ArrayList<>(new LinkedHashSet<>(req.personIds()));
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select id, person_id from training_enrolment where session_id = :s and person_id in (:p)", Tuple.class)
                .setParameter("s", sessionId).setParameter("p", people).getResultList();
        Map<UUID, UUID> enrolmentOf = new java.util.HashMap<>();
        rows.forEach(t -> enrolmentOf.put(t.get("person_id", UUID.class), t.get("id", UUID.class)));
        List<Problem.Violation> missing = new ArrayList<>();
        for (int i = 0; i < req.personIds().size(); i++) {
            if (!enrolmentOf.containsKey(req.personIds().get(i))) {
                missing.add(new Problem.Violation("personIds[" + i + "]", "not enrolled in this session"));
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(422, "not-enrolled", "无法处理 Rule violated", missing.size() + " of the people are not enrolled", missing);
        }
        for (UUID e : enrolmentOf.values()) {
            em.createNativeQuery("insert into training_attendance (enrolment_id, day, recorded_by) values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, e).setParameter(2, req.day()).setParameter(3, scope.actor()).executeUpdate();
        }
        PageResult<EnrolmentView> roster = enrolments(new EnrolmentFilter(sessionId, null, null, null, null), new PageRequest(0, PageRequest.MAX_SIZE));
        return roster.items();
    }

    /**
     * Completion (结业): the certificate and the skills gained (the session's skills unless given), which join the
     * person's skills in the labour registry; published as training.completed in the same transaction.
     */
    public EnrolmentView complete(UUID sessionId, UUID enrolmentId, TrainingDtos.Complete req) {
        SessionView s = session(sessionId);
        EnrolmentView e = enrolment(enrolmentId);
        if (!e.sessionId().equals(sessionId)) {
            throw DomainException.notFound("enrolment", enrolmentId);
        }
        if (e.status() == EnrolmentStatus.COMPLETED) {
            throw DomainException.conflict("enrolment-completed", "the person completed this session on " + e.completedOn());
        }
        if (e.version() != req.version()) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "the enrolment changed since you read it; reload it");
        }
        if (req.completedOn().isBefore(s.startsOn())) {
            throw new DomainException(422, "completed-before-start", "无法处理 Rule violated", "completedOn: before the session started " + s.startsOn(),
                    List.of(new Problem.Violation("completedOn", "must not be before the session's start " + s.startsOn())));
        }
        List<String> gained = req.skillsGained() == null ? s.skills() : skills.require("skillsGained", req.skillsGained());
        String certificate = req.certificateNo() == null || req.certificateNo().isBlank() ? null : req.certificateNo().trim();
        int done = em.createNativeQuery("""
                        update training_enrolment set status = 'COMPLETED', completed_on = ?2, certificate_no = ?3,
                          skills_gained = string_to_array(?4, ','), completed_by = ?5, version = version + 1
                        where id = ?1 and status = 'ENROLLED' and version = ?6""")
                .setParameter(1, enrolmentId).setParameter(2, req.completedOn()).setParameter(3, certificate)
                .setParameter(4, String.join(",", gained)).setParameter(5, scope.actor()).setParameter(6, req.version()).executeUpdate();
        if (done == 0) {
            throw DomainException.conflict("enrolment-completed", "the enrolment was completed or changed meanwhile; read it again");
        }
        if (!gained.isEmpty()) {
            // the skills join the person's labour record (a record is started for someone who had none)
            em.createNativeQuery("""
                            insert into labour_profile (person_id, household_id, skills, checked_on, version, updated_by, updated_at)
                            values (:p, :h, string_to_array(:skills, ','), :today, 0, :by, :now)
                            on conflict (person_id) do update set
                              skills = array(select distinct x from unnest(labour_profile.skills || excluded.skills) x order by x),
                              version = labour_profile.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                    .setParameter("p", e.personId()).setParameter("h", e.householdId()).setParameter("skills", String.join(",", gained))
                    .setParameter("today", LocalDate.now()).setParameter("by", scope.actor()).setParameter("now", OffsetDateTime.now())
                    .executeUpdate();
        }
        outbox.publish(Topics.EMPLOYMENT, e.householdId(), new EmploymentEvents.TrainingCompleted(enrolmentId, sessionId, e.personId(),
                e.householdId(), e.householdNo(), e.regionCode(), e.siteCode(), s.kind().name(), req.completedOn(), gained,
                certificate != null));
        return enrolment(enrolmentId);
    }

    // --- enrolment lists

    public record EnrolmentFilter(UUID sessionId, UUID personId, UUID householdId, EnrolmentStatus status, String siteCode) {
    }

    public PageResult<EnrolmentView> enrolments(EnrolmentFilter f, PageRequest page) {
        PageResult<EnrolmentView> result = enrolmentQuery(ListQuery.scoped(scope.filter("te.region_code", "te.site_code")), f)
                .nativePage(em, ENROLMENT_SELECT, ENROLMENT_FROM, "s.starts_on desc, te.household_no, te.id", page, TrainingService::enrolmentView);
        audit.list("training", result.items().stream().map(EnrolmentView::householdId).distinct().toList(), false,
                "session=" + f.sessionId() + ",person=" + f.personId());
        return result;
    }

    /** The resident's own household's trainings (token claim household_no). */
    public PageResult<EnrolmentView> mine(PageRequest page) {
        String no = scope.householdNo();
        PageResult<EnrolmentView> result = ListQuery.where("te.household_no = :mine").param("mine", no == null ? "" : no)
                .nativePage(em, ENROLMENT_SELECT, ENROLMENT_FROM, "s.starts_on desc, te.id", page, TrainingService::enrolmentView);
        audit.list("training", result.items().stream().map(EnrolmentView::householdId).distinct().toList(), false, "own household");
        return result;
    }

    public Response enrolmentsExport(EnrolmentFilter f) {
        ListQuery q = enrolmentQuery(ListQuery.scoped(scope.filter("te.region_code", "te.site_code")), f);
        Xlsx.requireFits(count(ENROLMENT_FROM, q));
        Query ids = em.createNativeQuery("select distinct te.household_id from " + ENROLMENT_FROM + " where " + q.where());
        q.params().forEach(ids::setParameter);
        @SuppressWarnings("unchecked")
        List<UUID> households = ids.getResultList();
        audit.export("training", households, false, "session=" + f.sessionId());
        Map<String, String> labels = skills.labels();
        String[] headers = {"培训名称", "培训类型", "培训机构", "开班日期", "结业日期", "户编号", "安置点", "姓名", "身份证号", "状态",
                "出勤天数", "结业日期（个人）", "证书编号", "获得技能"};
        return Xlsx.stream(em, "select " + ENROLMENT_SELECT + " from " + ENROLMENT_FROM + " where " + q.where()
                        + " order by s.starts_on desc, te.household_no, te.id", q.params(), "培训人员台账", headers, t -> {
                    EnrolmentView v = enrolmentView(t);
                    return new Object[]{v.sessionTitle(), v.kindLabel(), v.provider(), v.startsOn(), v.endsOn(), v.householdNo(),
                            v.siteCode(), v.name(), v.idNumber(), v.statusLabel(), v.daysAttended(), v.completedOn(),
                            v.certificateNo(), labels(v.skillsGained(), labels)};
                }, "培训人员台账.xlsx");
    }

    private ListQuery enrolmentQuery(ListQuery q, EnrolmentFilter f) {
        return q.and("te.session_id = :session", "session", f.sessionId())
                .and("te.person_id = :person", "person", f.personId())
                .and("te.household_id = :household", "household", f.householdId())
                .and("te.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("te.site_code = :site", "site", f.siteCode());
    }

    EnrolmentView enrolment(UUID id) {
        em.flush();
        PageResult<EnrolmentView> one = ListQuery.scoped(scope.filter("te.region_code", "te.site_code")).and("te.id = :id", "id", id)
                .nativePage(em, ENROLMENT_SELECT, ENROLMENT_FROM, "te.id", new PageRequest(0, 1), TrainingService::enrolmentView);
        if (one.items().isEmpty()) {
            throw DomainException.notFound("enrolment", id);
        }
        return one.items().get(0);
    }

    // --- sites per year

    public PageResult<SiteSessions> sitesPerYear(int year, String regionCode, boolean withoutOnly, PageRequest page) {
        ListQuery q = siteQuery(year, regionCode, withoutOnly);
        return q.nativePage(em, "x.*", SITES_FROM, "x.region_code, x.code", page, t -> siteView(t, year));
    }

    public Response sitesPerYearExport(int year, String regionCode, boolean withoutOnly) {
        ListQuery q = siteQuery(year, regionCode, withoutOnly);
        String[] headers = {"年度", "安置点编码", "安置点", "乡镇", "培训班次", "结业人次", "是否已开展"};
        return Xlsx.stream(em, "select x.* from " + SITES_FROM + " where " + q.where() + " order by x.region_code, x.code", q.params(),
                "安置点年度培训", headers, t -> {
                    SiteSessions v = siteView(t, year);
                    return new Object[]{v.year(), v.siteCode(), v.siteName(), v.regionCode(), v.sessions(), v.completions(), v.hasSession()};
                }, "安置点年度培训-" + year + ".xlsx");
    }

    private ListQuery siteQuery(int year, String regionCode, boolean withoutOnly) {
        if (year < 2016 || year > Year.now().getValue() + 1) {
            throw DomainException.invalid("year", "must be between 2016 and next year");
        }
        return ListQuery.scoped(scope.filter("x.region_code", "x.code"))
                .and("x.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .andIf(withoutOnly, "x.sessions = 0")
                .param("yFrom", LocalDate.of(year, 1, 1)).param("yTo", LocalDate.of(year + 1, 1, 1));
    }

    private static final String SITES_FROM = """
            (select distinct on (rs.code) rs.code, rs.name, rs.township_code as region_code,
               (select count(*) from training_session s where s.site_code = rs.code and s.starts_on >= :yFrom and s.starts_on < :yTo) as sessions,
               (select count(*) from training_enrolment te join training_session s on s.id = te.session_id
                  where s.site_code = rs.code and s.starts_on >= :yFrom and s.starts_on < :yTo and te.status = 'COMPLETED') as completions
             from registry_site rs where rs.status = 'ACTIVE' order by rs.code, rs.updated_at desc) x""";

    private static SiteSessions siteView(Tuple t, int year) {
        long sessions = ((Number) t.get("sessions")).longValue();
        return new SiteSessions(t.get("code", String.class), t.get("name", String.class), t.get("region_code", String.class), year,
                sessions, ((Number) t.get("completions")).longValue(), sessions > 0);
    }

    // --- helpers

    /** The township of a site of the registry copy, or null when the copy does not know it. */
    private String siteTownship(String siteCode) {
        List<?> r = em.createNativeQuery("select township_code from registry_site where code = ?1").setParameter(1, siteCode).getResultList();
        return r.isEmpty() ? null : (String) r.get(0);
    }

    private long count(String from, ListQuery q) {
        Query c = em.createNativeQuery("select count(*) from " + from + " where " + q.where());
        q.params().forEach(c::setParameter);
        return ((Number) c.getSingleResult()).longValue();
    }

    static final String PHASE_SQL = "case when s.starts_on > current_date then 'UPCOMING' when s.ends_on >= current_date then 'RUNNING' else 'ENDED' end";
    static final String SESSION_SELECT = """
            s.id, s.version, s.title, s.kind, s.provider, s.site_code, s.region_code, s.starts_on, s.ends_on,
            array_to_string(s.skills, ',') as skills, s.capacity, s.free, s.created_by, s.created_at, (""" + PHASE_SQL + """
            ) as phase,
            (select count(*) from training_enrolment te where te.session_id = s.id) as enrolled,
            (select count(*) from training_enrolment te where te.session_id = s.id and te.status = 'COMPLETED') as completed""";

    private SessionView sessionView(Tuple t) {
        Kind k = Kind.valueOf(t.get("kind", String.class));
        Phase ph = Phase.valueOf(t.get("phase", String.class));
        return new SessionView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("title", String.class), k, k.label(),
                t.get("provider", String.class), t.get("site_code", String.class), t.get("region_code", String.class),
                SqlValues.date(t.get("starts_on")), SqlValues.date(t.get("ends_on")), codes(t.get("skills", String.class)),
                ((Number) t.get("capacity")).intValue(), Boolean.TRUE.equals(t.get("free")), ph, ph.label(),
                ((Number) t.get("enrolled")).longValue(), ((Number) t.get("completed")).longValue(),
                t.get("created_by", String.class), SqlValues.time(t.get("created_at")));
    }

    static final String ENROLMENT_SELECT = """
            te.id, te.version, te.session_id, s.title, s.kind, s.provider, s.starts_on, s.ends_on, te.person_id, p.name,
            p.id_number_masked, te.household_id, te.household_no, te.site_code, te.region_code, te.status, te.completed_on,
            te.certificate_no, array_to_string(te.skills_gained, ',') as skills_gained,
            (select count(*) from training_attendance a where a.enrolment_id = te.id) as days_attended""";
    static final String ENROLMENT_FROM = """
            training_enrolment te join training_session s on s.id = te.session_id
            left join registry_person p on p.id = te.person_id""";

    static EnrolmentView enrolmentView(Tuple t) {
        Kind k = Kind.valueOf(t.get("kind", String.class));
        EnrolmentStatus st = EnrolmentStatus.valueOf(t.get("status", String.class));
        return new EnrolmentView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("session_id", UUID.class),
                t.get("title", String.class), k, k.label(), t.get("provider", String.class), SqlValues.date(t.get("starts_on")),
                SqlValues.date(t.get("ends_on")), t.get("person_id", UUID.class), t.get("name", String.class),
                t.get("id_number_masked", String.class), t.get("household_id", UUID.class), t.get("household_no", String.class),
                t.get("site_code", String.class), t.get("region_code", String.class), st, st.label(),
                ((Number) t.get("days_attended")).longValue(), SqlValues.date(t.get("completed_on")),
                t.get("certificate_no", String.class), codes(t.get("skills_gained", String.class)));
    }

    static List<String> codes(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String labels(List<String> codes, Map<String, String> labels) {
        return codes.isEmpty() ? null : String.join("、", codes.stream().map(c -> labels.getOrDefault(c, c)).toList());
    }

}
