package cn.resettle.employment.service311;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.common.web.ListQuery;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.labour.LabourList;
import cn.resettle.employment.labour.LabourService;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The "311" service 就业服务 [001 item 3]: per registered unemployed worker who wants work (the SEEKING list) and year,
 * job offers (recommendations made that year plus offers recorded by hand), career guidance and free training offers,
 * counted from what was recorded; the short list is the workers still below the configured numbers (3, 1, 1).
 */
@ApplicationScoped
@Transactional
public class Service311 {

    @ConfigMapping(prefix = "resettle.service311")
    public interface Targets {
        @WithDefault("3")
        int jobOffers();

        @WithDefault("1")
        int guidance();

        @WithDefault("1")
        int trainingOffers();
    }

    public enum Kind implements DictionaryEntry.Labelled {
        JOB_OFFER("岗位信息"), GUIDANCE("职业指导"), TRAINING_OFFER("免费培训机会");
        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public record Record(@NotNull Kind kind, @NotNull @PastOrPresent LocalDate servedOn, @Size(max = 200) String note) {
    }

    public record ServiceView(UUID id, UUID personId, Kind kind, String kindLabel, LocalDate servedOn, String note,
                              String recordedBy, OffsetDateTime recordedAt) {
    }

    public record WorkerServices(UUID personId, UUID householdId, String householdNo, String siteCode, String regionCode,
                                 String name, String idNumber, int year, long jobOffers, long guidance, long trainingOffers,
                                 boolean complete, List<String> missing) {
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
    Targets targets;

    public ServiceView record(UUID personId, Record req) {
        LabourView p = labour.find(personId);
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into employment_service (id, person_id, household_id, household_no, region_code, site_code, kind,
                          served_on, note, recorded_by, recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, id).setParameter(2, personId).setParameter(3, p.householdId()).setParameter(4, p.householdNo())
                .setParameter(5, p.regionCode()).setParameter(6, p.siteCode()).setParameter(7, req.kind().name())
                .setParameter(8, req.servedOn()).setParameter(9, req.note()).setParameter(10, scope.actor())
                .setParameter(11, OffsetDateTime.now()).executeUpdate();
        return services(personId, req.servedOn().getYear()).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    public List<ServiceView> services(UUID personId, int year) {
        LabourView person = labour.find(personId); // in scope, or 404
        // the services given to a person are personal data: every read is audited (also the answer to a record)
        audit.read("service-311", person.householdId(), false);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select id, person_id, kind, served_on, note, recorded_by, recorded_at "
                        + "from employment_service where person_id = ?1 and served_on >= ?2 and served_on < ?3 order by served_on, recorded_at", Tuple.class)
                .setParameter(1, personId).setParameter(2, LocalDate.of(year, 1, 1)).setParameter(3, LocalDate.of(year + 1, 1, 1))
                .getResultList();
        return rows.stream().map(t -> {
            Kind k = Kind.valueOf(t.get("kind", String.class));
            return new ServiceView(t.get("id", UUID.class), t.get("person_id", UUID.class), k, k.label(),
                    cn.resettle.common.web.SqlValues.date(t.get("served_on")), t.get("note", String.class),
                    t.get("recorded_by", String.class), cn.resettle.common.web.SqlValues.time(t.get("recorded_at")));
        }).toList();
    }

    public PageResult<WorkerServices> workers(int year, String siteCode, String regionCode, boolean shortOnly, PageRequest page) {
        if (year < 2016 || year > LocalDate.now().getYear()) {
            throw DomainException.invalid("year", "must be between 2016 and this year");
        }
        ListQuery inner = ListQuery.scoped(scope.filter("h.region_code", "h.site_code"))
                .and("p.status = 'ACTIVE'").and("p.labour_capacity in ('FULL', 'WEAK')")
                .and(LabourList.SEEKING.sqlCondition(LabourService.STATUS))
                .and("h.site_code = :site", "site", siteCode)
                .and("h.region_code like :region", "region", regionCode == null ? null : regionCode + "%")
                .param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
                .param("fromTs", LocalDate.of(year, 1, 1).atStartOfDay().atOffset(OffsetDateTime.now().getOffset()))
                .param("toTs", LocalDate.of(year + 1, 1, 1).atStartOfDay().atOffset(OffsetDateTime.now().getOffset()));
        String from = """
                (select p.id as person_id, p.household_id, h.household_no, h.site_code, h.region_code, p.name, p.id_number_masked,
                   (select count(*) from recommendation r where r.person_id = p.id and r.offered_at >= :fromTs and r.offered_at < :toTs)
                   + (select count(*) from employment_service s where s.person_id = p.id and s.kind = 'JOB_OFFER'
                        and s.served_on >= :from and s.served_on < :to) as job_offers,
                   (select count(*) from employment_service s where s.person_id = p.id and s.kind = 'GUIDANCE'
                        and s.served_on >= :from and s.served_on < :to) as guidance,
                   (select count(*) from employment_service s where s.person_id = p.id and s.kind = 'TRAINING_OFFER'
                        and s.served_on >= :from and s.served_on < :to)
                   + (select count(*) from training_enrolment te where te.person_id = p.id and te.status = 'COMPLETED'
                        and te.completed_on >= :from and te.completed_on < :to) as training_offers
                 from %s where %s) w""".formatted(LabourService.FROM_SQL, inner.where());
        ListQuery outer = ListQuery.where(shortOnly ? "(w.job_offers < :needOffers or w.guidance < :needGuidance or w.training_offers < :needTraining)" : "true");
        inner.params().forEach(outer::param);
        if (shortOnly) {
            outer.param("needOffers", targets.jobOffers()).param("needGuidance", targets.guidance()).param("needTraining", targets.trainingOffers());
        }
        PageResult<WorkerServices> result = outer.nativePage(em, "w.*", from, "w.region_code, w.site_code, w.household_no, w.person_id", page, t -> {
            long offers = ((Number) t.get("job_offers")).longValue();
            long guidance = ((Number) t.get("guidance")).longValue();
            long training = ((Number) t.get("training_offers")).longValue();
            List<String> missing = new ArrayList<>();
            if (offers < targets.jobOffers()) {
                missing.add("岗位信息还差 " + (targets.jobOffers() - offers) + " 个");
            }
            if (guidance < targets.guidance()) {
                missing.add("职业指导还差 " + (targets.guidance() - guidance) + " 次");
            }
            if (training < targets.trainingOffers()) {
                missing.add("免费培训机会还差 " + (targets.trainingOffers() - training) + " 次");
            }
            return new WorkerServices(t.get("person_id", UUID.class), t.get("household_id", UUID.class), t.get("household_no", String.class),
                    t.get("site_code", String.class), t.get("region_code", String.class), t.get("name", String.class),
                    t.get("id_number_masked", String.class), year, offers, guidance, training, missing.isEmpty(), missing);
        });
        audit.list("labour-record", result.items().stream().map(WorkerServices::householdId).distinct().toList(), false, "311 year=" + year);
        return result;
    }
}
