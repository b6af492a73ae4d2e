package cn.resettle.common.registry;

import cn.resettle.common.registry.RegistryViews.HouseholdCopy;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/**
 * The households a service knows from registry events (no call to community-service behind it). Written once; a
 * service that keeps a registry copy declares its path in a two-line subclass
 * ({@code @Path("/api/<domain>/registry/households")}) and who may read it in {@code resettle.registry.roles}
 * (comma-separated, read by {@code @RolesAllowed} on every method).
 */
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "SecurityScheme")
public abstract class RegistryCopyResourceBase {

    @Inject
    RegistryReadService registry;

    @GET
    @RolesAllowed("${resettle.registry.roles:county-admin}")
    @Operation(summary = "Households as this service knows them from registry events, in your data scope, paged")
    public PageResult<HouseholdCopy> list(@QueryParam("regionCode") String regionCode, @QueryParam("siteCode") String siteCode,
                                          @QueryParam("labourCapacity") String labourCapacity,
                                          @Valid @BeanParam PageRequest page) {
        return registry.list(regionCode, siteCode, labourCapacity, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed("${resettle.registry.roles:county-admin}")
    @Operation(summary = "One household of the registry copy with its members")
    public HouseholdCopy get(@PathParam("id") UUID id) {
        return registry.get(id);
    }
}
