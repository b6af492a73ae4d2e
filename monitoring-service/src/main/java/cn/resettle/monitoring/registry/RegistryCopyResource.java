package cn.resettle.monitoring.registry;

import cn.resettle.common.registry.RegistryReadService;
import cn.resettle.common.registry.RegistryViews.HouseholdCopy;
import cn.resettle.common.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The households this service knows from registry events (no call to community-service behind it). */
@Path("/api/monitoring/registry/households")
@Tag(name = "登记信息副本 Registry copy")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
public class RegistryCopyResource {

    @Inject
    RegistryReadService registry;

    @GET
    @Operation(summary = "Households as this service knows them from registry events, in your data scope, paged")
    public PageResult<HouseholdCopy> list(@QueryParam("regionCode") String regionCode, @QueryParam("siteCode") String siteCode,
                                          @QueryParam("labourCapacity") String labourCapacity,
                                          @Valid @BeanParam PageRequest page) {
        return registry.list(regionCode, siteCode, labourCapacity, page);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One household of the registry copy with its members")
    public HouseholdCopy get(@PathParam("id") UUID id) {
        return registry.get(id);
    }
}
