package cn.resettle.employment.tasks;

import cn.resettle.common.events.EmploymentEvents.JobLost;
import cn.resettle.common.events.Topics;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.security.DataScope;
import cn.resettle.employment.placement.PlacementDtos;
import cn.resettle.employment.placement.PlacementService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Who can work and who is employed: the registry copy (monthly status from community) overlaid with what
 * employment itself recorded since (placements, job losses). A job loss that leaves the household with nobody
 * employed is published (JobLost) and comes back from monitoring as a JOB_LOSS risk → a job-matching task here.
 */
@ApplicationScoped
@Transactional
public class Workforce {

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    DataScope scope;
    @Inject
    PlacementService placements;

    public record JobLoss(@NotBlank @Size(max = 200) String reason, @NotNull @PastOrPresent LocalDate lostOn) {
    }

    /**
     * A person starts work. With {@code postingId} the placement fills one opening of the posting (the posting closes
     * as FILLED with its last one), the employer is the posting's, and the person's offer of it becomes PLACED.
     */
    public record Placement(@Size(max = 100) String employer, @NotNull @PastOrPresent LocalDate since,
                            @NotNull EmploymentKind kind, UUID postingId, @Size(max = 100) String workplace) {
        public Placement(String employer, LocalDate since, EmploymentKind kind) {
            this(employer, since, kind, null, null);
        }
    }

    /**
     * What a placement is: one of the statuses common's {@link EmploymentStatus#employed()} counts as employed, by the
     * same name and label (a placement records its kind as the person's employment status). Which statuses those are
     * is decided there only: a kind that is not employed there, or an employed status without a kind here, stops the
     * service at start-up.
     */
    public enum EmploymentKind implements cn.resettle.common.web.DictionaryEntry.Labelled {
        EMPLOYED_LOCAL, EMPLOYED_OUTSIDE, SELF_EMPLOYED, PUBLIC_WELFARE_POST;

        static {
            var kinds = java.util.Arrays.stream(values()).map(EmploymentKind::status).collect(java.util.stream.Collectors.toSet());
            if (!kinds.equals(java.util.Set.copyOf(EmploymentStatus.employedStatuses()))) {
                throw new IllegalStateException("placement kinds " + kinds + " are not the employed statuses "
                        + EmploymentStatus.employedStatuses());
            }
        }

        /** The employment status a placement of this kind gives the person (common decides it counts as employed). */
        public EmploymentStatus status() {
            return EmploymentStatus.valueOf(name());
        }

        @Override
        public String label() {
            return status().label();
        }
    }

    public record PersonStatus(UUID personId, UUID householdId, String name, String labourCapacity,
                               String employmentStatus, boolean householdWithoutEmployment) {
    }

    @SuppressWarnings("unchecked")
    public List<EmploymentRouting.Member> members(UUID householdId) {
        List<Object[]> rows = em.createNativeQuery("""
                        select p.id, p.name, p.labour_capacity, coalesce(e.status, p.employment_status), p.status
                        from registry_person p left join person_employment e on e.person_id = p.id
                        where p.household_id = ?1 order by p.birth_year, p.id""")
                .setParameter(1, householdId).getResultList();
        return rows.stream().map(r -> new EmploymentRouting.Member((UUID) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4])).toList();
    }

    public PersonStatus loseJob(UUID personId, JobLoss req) {
        Object[] p = person(personId);
        UUID householdId = (UUID) p[1];
        var ended = placements.endActive(personId, req.lostOn(), PlacementDtos.EndReason.OTHER, req.reason());
        if (ended != null) {
            return new PersonStatus(personId, householdId, (String) p[2], (String) p[3], "UNEMPLOYED", ended.householdWithoutEmployment());
        }
        String current = current(personId, (String) p[4]);
        if (!EmploymentStatus.employed(current)) {
            throw DomainException.conflict("not-employed", "the person is not recorded as employed (" + current + ")");
        }
        // employed by the registry's monthly status, with no placement recorded here
        record(personId, householdId, "UNEMPLOYED", null, req.lostOn(), req.reason(), null);
        boolean nobodyEmployed = members(householdId).stream()
                .noneMatch(m -> m.active() && m.employed());
        em.flush();
        outbox.publish(Topics.EMPLOYMENT, householdId, new JobLost(personId, householdId, (String) p[5], (String) p[6],
                (String) p[7], req.reason(), req.lostOn(), nobodyEmployed));
        return new PersonStatus(personId, householdId, (String) p[2], (String) p[3], "UNEMPLOYED", nobodyEmployed);
    }

    /** A placement (the older form of POST /placements, kept for its callers). */
    public PersonStatus place(UUID personId, Placement req) {
        Object[] p = person(personId);
        placements.start(new PlacementDtos.Start(personId, req.postingId(), null, req.employer(), req.kind(), req.since(),
                null, null, req.workplace()));
        return new PersonStatus(personId, (UUID) p[1], (String) p[2], (String) p[3], req.kind().name(), false);
    }

    private Object[] person(UUID personId) {
        @SuppressWarnings("unchecked")
        List<Object[]> r = em.createNativeQuery("""
                        select p.id, p.household_id, p.name, p.labour_capacity, p.employment_status, h.household_no,
                               h.region_code, h.site_code
                        from registry_person p join registry_household h on h.id = p.household_id where p.id = ?1""")
                .setParameter(1, personId).getResultList();
        if (r.isEmpty() || !scope.allows((String) r.get(0)[6], (String) r.get(0)[7])) {
            throw DomainException.notFound("person", personId);
        }
        return r.get(0);
    }

    private String current(UUID personId, String registryStatus) {
        List<?> r = em.createNativeQuery("select status from person_employment where person_id = ?1")
                .setParameter(1, personId).getResultList();
        return r.isEmpty() ? registryStatus : (String) r.get(0);
    }

    /** The person's current employment as employment records it (overrides the registry's monthly status). */
    public void record(UUID personId, UUID householdId, String status, String employer, LocalDate since, String reason, String workplace) {
        em.createNativeQuery("""
                        insert into person_employment (person_id, household_id, status, employer, since, reason, recorded_by, updated_at, workplace)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        on conflict (person_id) do update set status = excluded.status, employer = excluded.employer,
                          since = excluded.since, reason = excluded.reason, recorded_by = excluded.recorded_by,
                          updated_at = excluded.updated_at, workplace = excluded.workplace""")
                .setParameter(1, personId).setParameter(2, householdId).setParameter(3, status).setParameter(4, employer)
                .setParameter(5, since).setParameter(6, reason).setParameter(7, scope.actor())
                .setParameter(8, OffsetDateTime.now()).setParameter(9, workplace).executeUpdate();
    }
}
