package cn.resettle.community.audit;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.validation.CitizenId;
import cn.resettle.common.validation.CitizenIds;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Person;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The personal-data audit trail for the {@code auditor} role: which responses showed a person's or a household's
 * data, to whom, when. Asked by ID number, the number is looked up here and never written to the log or the trail.
 */
@Path("/api/community/audit")
@Tag(name = "审计 Audit trail")
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    @Inject
    PersonalDataAudit audit;

    @GET
    @Transactional
    @Operation(summary = "Responses that showed personal data, newest first: filter by person (idNumber or personId), "
            + "householdId, actor (user name), from/to (ISO date-time), unmaskedOnly; paged")
    public PageResult<PersonalDataAudit.Entry> trail(@QueryParam("idNumber") @CitizenId String idNumber,
                                                     @QueryParam("personId") UUID personId,
                                                     @QueryParam("householdId") UUID householdId,
                                                     @QueryParam("actor") @Size(max = 128) String actor,
                                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                                     @QueryParam("unmaskedOnly") boolean unmaskedOnly,
                                                     @Valid @BeanParam PageRequest page) {
        Set<UUID> households = null;
        if (idNumber != null || personId != null || householdId != null) {
            households = new LinkedHashSet<>();
            if (householdId != null) {
                households.add(householdId);
            }
            if (idNumber != null) {
                Person.findByIdNumber(CitizenIds.normalize(idNumber)).map(p -> p.household.id).ifPresent(households::add);
            }
            if (personId != null) {
                Person.<Person>findByIdOptional(personId).map(p -> p.household.id).ifPresent(households::add);
            }
        }
        return audit.trail(households, actor, time("from", from), time("to", to), unmaskedOnly, page);
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "an ISO date-time with offset, e.g. 2026-11-25T08:00:00+08:00");
        }
    }
}
