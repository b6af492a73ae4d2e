package cn.resettle.employment.export;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.validation.DivisionCode;
import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.SqlValues;
import cn.resettle.employment.jobs.Employer;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.labour.LabourService;
import cn.resettle.employment.placement.PlacementDtos;
import cn.resettle.employment.placement.PlacementService;
import cn.resettle.employment.tasks.Workforce.EmploymentKind;
import cn.resettle.employment.web.Xlsx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Labour export 劳务输出: organised transfers of workers to other regions with destination, employer, organiser and
 * channel. A transfer is the person's placement (EMPLOYED_OUTSIDE, through {@link PlacementService}: the household's
 * job-matching tasks complete, placement.started goes out, coverage counts it); the return home ends that placement
 * with its reason (a return because of a disaster is the seeds' 因灾返乡: job.lost reaches monitoring).
 */
@ApplicationScoped
@Transactional
public class LabourExportService {

    public enum Channel implements DictionaryEntry.Labelled {
        EAST_WEST("东西部劳务协作"), PAIRED("对口/定点帮扶"), INTRA_PROVINCE("省内劳务协作"), LABOUR_COMPANY("劳务公司/劳务经纪人"),
        JOB_FAIR("专场招聘"), OTHER("其他组织输出");
        private final String label;

        Channel(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum Status implements DictionaryEntry.Labelled {
        ACTIVE("在外务工"), RETURNED("已返乡");
        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** A transfer: the employer registered ({@code employerId}) or named ({@code employer}); {@code destinationCode} the destination's division code. */
    public record NewExport(@NotNull UUID personId, @NotNull Channel channel, @NotBlank @Size(max = 100) String destination,
                            @DivisionCode @jakarta.validation.constraints.Pattern(regexp = "[0-9]{2}|[0-9]{4}|[0-9]{6}", message = "a province, city or county code (2, 4 or 6 digits)") String destinationCode, UUID employerId, @Size(max = 100) String employer,
                            @NotBlank @Size(max = 100) String organisedBy, @Size(max = 50) String batch, boolean pointToPoint,
                            @NotNull @PastOrPresent LocalDate departedOn, @PositiveOrZero @Max(1_000_000) Integer monthlyWage,
                            PlacementDtos.Contract contract) {
    }

    public record Return(@NotNull @PositiveOrZero Long version, @NotNull @PastOrPresent LocalDate returnedOn,
                         @NotNull PlacementDtos.EndReason reason, @Size(max = 200) String note) {
    }

    public record ExportView(UUID id, long version, UUID placementId, UUID personId, String name, String idNumber,
                             UUID householdId, String householdNo, String siteCode, String regionCode, Channel channel,
                             String channelLabel, String destination, String destinationCode, UUID employerId,
                             String employerName, String organisedBy, String batch, boolean pointToPoint, LocalDate departedOn,
                             Status status, String statusLabel, LocalDate returnedOn, PlacementDtos.EndReason returnReason,
                             String returnReasonLabel, String recordedBy) {
    }

    public record Filter(Status status, Channel channel, String siteCode, String regionCode, UUID personId, UUID householdId,
                         LocalDate departedFrom, LocalDate departedTo) {
    }

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    PersonalDataAudit audit;
    @Inject
    LabourService labour;
    @Inject
    PlacementService placements;

    public ExportView create(NewExport req) {
        LabourView p = labour.find(req.personId());
        if (req.destinationCode() != null && req.destinationCode().startsWith(p.regionCode().substring(0, 6))) {
            throw new DomainException(422, "not-outside-county", "无法处理 Rule violated",
                    "destinationCode: labour export goes outside the person's county; work inside it is a local placement",
                    List.of(new Problem.Violation("destinationCode", "inside the person's county")));
        }
        String employerName = req.employer();
        if (req.employerId() != null) {
            Employer e = em.find(Employer.class, req.employerId());
            if (e == null) {
                throw new DomainException(422, "unknown-employer", "单位不存在 Unknown employer", "employerId: no such employer",
                        List.of(new Problem.Violation("employerId", "unknown employer")));
            }
            employerName = e.name;
        }
        if (employerName == null || employerName.isBlank()) {
            throw DomainException.invalid("employer", "must not be blank (or give employerId)");
        }
        // the placement: one active per person (409 already-placed), tasks completed, placement.started
        PlacementDtos.PlacementView placed = placements.start(new PlacementDtos.Start(p.personId(), null, req.employerId(),
                employerName.trim(), EmploymentKind.EMPLOYED_OUTSIDE, req.departedOn(), req.monthlyWage(),
                req.contract() == null ? PlacementDtos.Contract.LABOUR_SERVICE : req.contract(), truncate(req.destination().trim(), 100)));
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into labour_export (id, version, placement_id, person_id, household_id, household_no, region_code,
                          site_code, channel, destination, destination_code, employer_id, employer_name, organised_by, batch,
                          point_to_point, departed_on, status, recorded_by, created_at)
                        values (:id, 0, :placement, :person, :household, :no, :region, :site, :channel, :destination, :code,
                          :employerId, :employer, :organiser, :batch, :p2p, :departed, 'ACTIVE', :by, :now)""")
                .setParameter("id", id).setParameter("placement", placed.id()).setParameter("person", p.personId())
                .setParameter("household", p.householdId()).setParameter("no", p.householdNo()).setParameter("region", p.regionCode())
                .setParameter("site", p.siteCode()).setParameter("channel", req.channel().name())
                .setParameter("destination", req.destination().trim()).setParameter("code", req.destinationCode())
                .setParameter("employerId", req.employerId()).setParameter("employer", employerName.trim())
                .setParameter("organiser", req.organisedBy().trim()).setParameter("batch", req.batch())
                .setParameter("p2p", req.pointToPoint()).setParameter("departed", req.departedOn())
                .setParameter("by", scope.actor()).setParameter("now", OffsetDateTime.now()).executeUpdate();
        return get(id);
    }

    /** The worker came home: the transfer is RETURNED and its placement ends with the reason (if it still runs). */
    public ExportView returned(UUID id, Return req) {
        ExportView v = get(id);
        if (v.status() == Status.RETURNED) {
            throw DomainException.conflict("already-returned", "the worker returned on " + v.returnedOn());
        }
        if (v.version() != req.version()) {
            throw new DomainException(409, "stale-version", "数据已被他人修改 Stale version", "the transfer changed since you read it; reload it");
        }
        if (req.returnedOn().isBefore(v.departedOn())) {
            throw new DomainException(422, "return-before-departure", "无法处理 Rule violated", "returnedOn: before the departure " + v.departedOn(),
                    List.of(new Problem.Violation("returnedOn", "must not be before the departure " + v.departedOn())));
        }
        int done = em.createNativeQuery("update labour_export set status = 'RETURNED', returned_on = ?2, return_reason = ?3, "
                        + "version = version + 1 where id = ?1 and status = 'ACTIVE' and version = ?4")
                .setParameter(1, id).setParameter(2, req.returnedOn()).setParameter(3, req.reason().name())
                .setParameter(4, req.version()).executeUpdate();
        if (done == 0) {
            throw DomainException.conflict("already-returned", "the transfer was changed meanwhile; read it again");
        }
        List<?> active = em.createNativeQuery("select 1 from placement where id = ?1 and status = 'ACTIVE'")
                .setParameter(1, v.placementId()).getResultList();
        if (!active.isEmpty()) {
            placements.endActive(v.personId(), req.returnedOn(), req.reason(), req.note());
        }
        return get(id);
    }

    public PageResult<ExportView> list(Filter f, PageRequest page) {
        PageResult<ExportView> result = query(f).nativePage(em, SELECT, FROM, "x.departed_on desc, x.id", page, LabourExportService::view);
        audit.list("labour-export", result.items().stream().map(ExportView::householdId).distinct().toList(), false, describe(f));
        return result;
    }

    public ExportView read(UUID id) {
        ExportView v = get(id);
        audit.read("labour-export", v.householdId(), false);
        return v;
    }

    public Response export(Filter f) {
        ListQuery q = query(f);
        Query count = em.createNativeQuery("select count(*) from " + FROM + " where " + q.where());
        Query ids = em.createNativeQuery("select distinct x.household_id from " + FROM + " where " + q.where());
        q.params().forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        Xlsx.requireFits(((Number) count.getSingleResult()).longValue());
        @SuppressWarnings("unchecked")
        List<UUID> households = ids.getResultList();
        audit.export("labour-export", households, false, describe(f));
        String[] headers = {"户编号", "安置点", "乡镇", "姓名", "身份证号", "输出渠道", "输出地", "输出地区划代码", "用工单位", "组织单位",
                "批次", "点对点运送", "离乡日期", "状态", "返乡日期", "返乡原因"};
        return Xlsx.stream(em, "select " + SELECT + " from " + FROM + " where " + q.where() + " order by x.departed_on desc, x.id",
                q.params(), "劳务输出台账", headers, t -> {
                    ExportView v = view(t);
                    return new Object[]{v.householdNo(), v.siteCode(), v.regionCode(), v.name(), v.idNumber(), v.channelLabel(),
                            v.destination(), v.destinationCode(), v.employerName(), v.organisedBy(), v.batch(), v.pointToPoint(),
                            v.departedOn(), v.statusLabel(), v.returnedOn(), v.returnReasonLabel()};
                }, "劳务输出台账.xlsx");
    }

    private ListQuery query(Filter f) {
        return ListQuery.scoped(scope.filter("x.region_code", "x.site_code"))
                .and("x.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("x.channel = :channel", "channel", f.channel() == null ? null : f.channel().name())
                .and("x.site_code = :site", "site", f.siteCode())
                .and("x.region_code like :region", "region", f.regionCode() == null ? null : f.regionCode() + "%")
                .and("x.person_id = :person", "person", f.personId())
                .and("x.household_id = :household", "household", f.householdId())
                .and("x.departed_on >= :from", "from", f.departedFrom())
                .and("x.departed_on <= :to", "to", f.departedTo());
    }

    private ExportView get(UUID id) {
        em.flush();
        PageResult<ExportView> one = ListQuery.scoped(scope.filter("x.region_code", "x.site_code")).and("x.id = :id", "id", id)
                .nativePage(em, SELECT, FROM, "x.id", new PageRequest(0, 1), LabourExportService::view);
        if (one.items().isEmpty()) {
            throw DomainException.notFound("labour export", id);
        }
        return one.items().get(0);
    }

    static final String SELECT = """
            x.id, x.version, x.placement_id, x.person_id, p.name, p.id_number_masked, x.household_id, x.household_no,
            x.site_code, x.region_code, x.channel, x.destination, x.destination_code, x.employer_id, x.employer_name,
            x.organised_by, x.batch, x.point_to_point, x.departed_on, x.status, x.returned_on, x.return_reason, x.recorded_by""";
    static final String FROM = "labour_export x left join registry_person p on p.id = x.person_id";

    static ExportView view(Tuple t) {
        Channel c = Channel.valueOf(t.get("channel", String.class));
        Status s = Status.valueOf(t.get("status", String.class));
        String reason = t.get("return_reason", String.class);
        PlacementDtos.EndReason r = reason == null ? null : PlacementDtos.EndReason.valueOf(reason);
        return new ExportView(t.get("id", UUID.class), ((Number) t.get("version")).longValue(), t.get("placement_id", UUID.class),
                t.get("person_id", UUID.class), t.get("name", String.class), t.get("id_number_masked", String.class),
                t.get("household_id", UUID.class), t.get("household_no", String.class), t.get("site_code", String.class),
                t.get("region_code", String.class), c, c.label(), t.get("destination", String.class),
                t.get("destination_code", String.class), t.get("employer_id", UUID.class), t.get("employer_name", String.class),
                t.get("organised_by", String.class), t.get("batch", String.class), Boolean.TRUE.equals(t.get("point_to_point")),
                SqlValues.date(t.get("departed_on")), s, s.label(), SqlValues.date(t.get("returned_on")), r,
                r == null ? null : r.label(), t.get("recorded_by", String.class));
    }

    private static String describe(Filter f) {
        return "status=" + f.status() + ",channel=" + f.channel() + ",site=" + f.siteCode() + ",region=" + f.regionCode();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
