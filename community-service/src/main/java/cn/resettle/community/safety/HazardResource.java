package cn.resettle.community.safety;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.safety.HazardService.CloseRequest;
import cn.resettle.community.safety.HazardService.FollowUpRequest;
import cn.resettle.community.safety.HazardService.HazardDetail;
import cn.resettle.community.safety.HazardService.HazardFilter;
import cn.resettle.community.safety.HazardService.HazardView;
import cn.resettle.community.safety.SafetyEnums.Category;
import cn.resettle.community.safety.SafetyEnums.Severity;
import cn.resettle.community.safety.SafetyEnums.Status;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/community/hazards")
@Tag(name = "安全隐患 Safety hazards")
public class HazardResource {

    @Inject
    HazardService hazards;
    @Inject
    HazardLedger ledger;
    @Inject
    PersonalDataAudit audit;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record a hazard or disaster at a site (the named households, or all of the site's) with its owner and deadline; monitoring flags the households")
    public Response record(@Valid @NotNull HazardService.HazardRequest req) {
        return Response.status(201).entity(hazards.record(req)).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Hazards in your scope; status=OPEN the open ones and overdue=true those past their deadline, soonest deadline first")
    public PageResult<HazardView> list(@QueryParam("status") Status status, @QueryParam("category") Category category,
                                       @QueryParam("severity") Severity severity, @QueryParam("siteCode") String siteCode,
                                       @QueryParam("regionCode") String regionCode, @QueryParam("overdue") Boolean overdue,
                                       @QueryParam("inspectionId") UUID inspectionId, @Valid @BeanParam PageRequest page) {
        HazardFilter f = new HazardFilter(status, category, severity, siteCode, regionCode, overdue, inspectionId);
        PageResult<HazardView> result = hazards.list(f, page);
        audit.list("hazard", result.items().stream().flatMap(h -> h.householdIds().stream()).distinct().toList(), false,
                f.toString());
        return result;
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(HazardLedger.XLSX)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The hazard ledger 安全隐患台账 as Excel, for a site, a township or the county (filters as the list)")
    public Response ledger(@QueryParam("status") Status status, @QueryParam("category") Category category,
                           @QueryParam("severity") Severity severity, @QueryParam("siteCode") String siteCode,
                           @QueryParam("regionCode") String regionCode, @QueryParam("overdue") Boolean overdue) {
        return ledger.export(new HazardFilter(status, category, severity, siteCode, regionCode, overdue, null));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One hazard with its follow-ups")
    public HazardDetail get(@PathParam("id") UUID id) {
        HazardView h = hazards.get(id);
        audit.list("hazard", h.householdIds(), false, "hazard " + id);
        return new HazardDetail(h, hazards.followUps(id));
    }

    @POST
    @Path("{id}/follow-ups")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record a follow-up (跟踪督办) of an open hazard; may name a new owner or deadline")
    public HazardView followUp(@PathParam("id") UUID id, @Valid @NotNull FollowUpRequest req) {
        return hazards.followUp(id, req);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Close a removed hazard (整改销号) with the evidence")
    public HazardView close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest req) {
        return hazards.close(id, req);
    }
}
