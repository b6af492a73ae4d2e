package cn.resettle.common.deadletter;

import cn.resettle.common.outbox.OutboxRelay;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Operations on event delivery, per service: {@code /api/<domain>/ops/dead-letters} (list, replay one, replay all)
 * and {@code /api/<domain>/ops/outbox/parked} (outbox rows the broker can never take: list, retry). County
 * administrators only. Listings never include payloads (they hold personal data).
 */
@Path("/api/{domain}/ops")
@Tag(name = "运维 Operations: event delivery")
@RolesAllowed(Roles.COUNTY_ADMIN)
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;
    @Inject
    OutboxRelay relay;
    @Inject
    SecurityIdentity identity;
    @ConfigProperty(name = "quarkus.application.name")
    String application;

    private void own(String domain) {
        if (!application.equals(domain + "-service")) {
            throw DomainException.notFound("resource", "/api/" + domain + "/ops");
        }
    }

    @GET
    @Path("dead-letters")
    @Operation(summary = "Dead-lettered events of this service (no payloads), oldest first, paged")
    public PageResult<DeadLetters.DeadLetterView> list(@PathParam("domain") String domain,
                                                       @QueryParam("status") DeadLetters.Status status,
                                                       @QueryParam("eventType") String eventType,
                                                       @Valid @BeanParam PageRequest page) {
        own(domain);
        return deadLetters.list(status, eventType, page);
    }

    @GET
    @Path("dead-letters/{id}")
    @Operation(summary = "One dead letter (no payload)")
    public DeadLetters.DeadLetterView get(@PathParam("domain") String domain, @PathParam("id") long id) {
        own(domain);
        return deadLetters.get(id);
    }

    @POST
    @Path("dead-letters/{id}/replay")
    @Operation(summary = "Apply a dead letter again through the inbox (applied once however often it is replayed)")
    public DeadLetters.DeadLetterView replay(@PathParam("domain") String domain, @PathParam("id") long id) {
        own(domain);
        return deadLetters.replay(id, identity.getPrincipal().getName());
    }

    @POST
    @Path("dead-letters/replay")
    @Operation(summary = "Replay every pending dead letter (optionally of one event type), at most 500 per call")
    public DeadLetters.ReplaySummary replayAll(@PathParam("domain") String domain, @QueryParam("eventType") String eventType) {
        own(domain);
        return deadLetters.replayAll(eventType, identity.getPrincipal().getName());
    }

    @GET
    @Path("outbox/parked")
    @Operation(summary = "Outbox rows the broker refused for good (too large, invalid), with the reason; no payloads")
    public PageResult<OutboxRelay.ParkedView> parked(@PathParam("domain") String domain, @Valid @BeanParam PageRequest page) {
        own(domain);
        return relay.parked(page);
    }

    @POST
    @Path("outbox/parked/{id}/retry")
    @Operation(summary = "Send a parked outbox row again (after the broker limit or the row was fixed)")
    public OutboxRelay.ParkedView retryParked(@PathParam("domain") String domain, @PathParam("id") UUID id) {
        own(domain);
        return relay.unpark(id);
    }
}
