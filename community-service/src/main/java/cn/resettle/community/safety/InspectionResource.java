package cn.resettle.community.safety;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.safety.InspectionService.InspectionDetail;
import cn.resettle.community.safety.InspectionService.InspectionRequest;
import cn.resettle.community.safety.InspectionService.InspectionView;
import cn.resettle.community.safety.InspectionService.MissingInspection;
import cn.resettle.community.safety.SafetyEnums.Category;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Monthly safety inspections of the sites (地质灾害、住房安全、消防安全 每月排查). */
@Path("/api/community/inspections")
@Tag(name = "安全排查 Safety inspections")
public class InspectionResource {

    static final String MONTH = "20[0-9]{2}-(0[1-9]|1[0-2])";

    @Inject
    InspectionService inspections;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record a site's monthly inspection of one category with its findings; each hazard found is tracked until removed (409 when the month's inspection of the category exists)")
    public Response record(@Valid @NotNull InspectionRequest req) {
        return Response.status(201).entity(inspections.record(req)).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Inspections in your scope by site, region, month (yyyy-MM) and category")
    public PageResult<InspectionView> list(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                           @QueryParam("month") @Pattern(regexp = MONTH, message = "yyyy-MM") String month,
                                           @QueryParam("category") Category category, @Valid @BeanParam PageRequest page) {
        return inspections.list(siteCode, regionCode, month, category, page);
    }

    @GET
    @Path("missing")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Active sites in your scope still lacking the month's inspection, one row per site and category")
    public PageResult<MissingInspection> missing(@QueryParam("month") @NotNull @Pattern(regexp = MONTH, message = "yyyy-MM") String month,
                                                 @QueryParam("regionCode") String regionCode, @Valid @BeanParam PageRequest page) {
        return inspections.missing(month, regionCode, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One inspection with the hazards it found")
    public InspectionDetail get(@PathParam("id") UUID id) {
        return inspections.detail(id);
    }
}
