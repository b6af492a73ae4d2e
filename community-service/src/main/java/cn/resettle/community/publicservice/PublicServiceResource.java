package cn.resettle.community.publicservice;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.publicservice.PublicService.CareFilter;
import cn.resettle.community.publicservice.PublicServiceDtos.CareCategory;
import cn.resettle.community.publicservice.PublicServiceDtos.CareEnd;
import cn.resettle.community.publicservice.PublicServiceDtos.CareRequest;
import cn.resettle.community.publicservice.PublicServiceDtos.CareView;
import cn.resettle.community.publicservice.PublicServiceDtos.CareVisitRequest;
import cn.resettle.community.publicservice.PublicServiceDtos.CareVisitView;
import cn.resettle.community.publicservice.PublicServiceDtos.FacilityKind;
import cn.resettle.community.publicservice.PublicServiceDtos.FacilityRequest;
import cn.resettle.community.publicservice.PublicServiceDtos.FacilityView;
import cn.resettle.community.publicservice.PublicServiceDtos.UseUpdate;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Public services near the sites (capacity and use) and the care lists of left-behind children, elderly and women. */
@Path("/api/community/public-services")
@Tag(name = "公共服务与关爱 Public services and care")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class PublicServiceResource {

    @Inject
    PublicService service;
    @Inject
    CareLedger ledger;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Path("facilities")
    @Operation(summary = "Record a school, kindergarten, clinic or elderly-care facility serving a site with its capacity and use")
    public Response addFacility(@Valid @NotNull FacilityRequest req) {
        return Response.status(201).entity(service.addFacility(req)).build();
    }

    @PUT
    @Path("facilities/{id}/use")
    @Operation(summary = "New capacity and use figures (places for relocated children: schools and kindergartens)")
    public FacilityView updateUse(@PathParam("id") UUID id, @Valid @NotNull UseUpdate req) {
        return service.updateUse(id, req);
    }

    @GET
    @Path("facilities")
    @Operation(summary = "Facilities serving the sites in your scope with places left; overCapacity=true those used beyond capacity")
    public PageResult<FacilityView> facilities(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                               @QueryParam("kind") FacilityKind kind, @QueryParam("overCapacity") Boolean overCapacity,
                                               @Valid @BeanParam PageRequest page) {
        return service.facilities(siteCode, regionCode, kind, overCapacity, page);
    }

    @POST
    @Path("care")
    @Operation(summary = "Put a household member on a care list (left-behind child under 16, elderly 60+, woman)")
    public Response addCare(@Valid @NotNull CareRequest req) {
        return Response.status(201).entity(service.list(req)).build();
    }

    @GET
    @Path("care")
    @Operation(summary = "The care lists in your scope (active by default); visitDue=true those not visited within resettle.care.visit-every-days")
    public PageResult<CareView> care(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                     @QueryParam("category") CareCategory category, @QueryParam("householdId") UUID householdId,
                                     @QueryParam("active") @DefaultValue("true") boolean active,
                                     @QueryParam("visitDue") Boolean visitDue, @Valid @BeanParam PageRequest page) {
        CareFilter f = new CareFilter(siteCode, regionCode, category, householdId, active, visitDue);
        PageResult<CareView> result = service.careList(f, page);
        audit.list("care-person", result.items().stream().map(CareView::householdId).distinct().toList(), false, f.toString());
        return result;
    }

    @GET
    @Path("care/ledger.xlsx")
    @Produces(CareLedger.XLSX)
    @Operation(summary = "The care ledger 留守人员关爱台账 as Excel (filters as the list)")
    public Response careLedger(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                               @QueryParam("category") CareCategory category,
                               @QueryParam("active") @DefaultValue("true") boolean active, @QueryParam("visitDue") Boolean visitDue) {
        return ledger.export(new CareFilter(siteCode, regionCode, category, null, active, visitDue));
    }

    @POST
    @Path("care/{id}/end")
    @Operation(summary = "Take someone off a care list with the reason (e.g. parents came back to work locally)")
    public CareView end(@PathParam("id") UUID id, @Valid @NotNull CareEnd req) {
        return service.end(id, req);
    }

    @POST
    @Path("care/{id}/visits")
    @Operation(summary = "Record a care visit (关爱走访)")
    public Response visit(@PathParam("id") UUID id, @Valid @NotNull CareVisitRequest req) {
        return Response.status(201).entity(service.visit(id, req)).build();
    }

    @GET
    @Path("care/{id}/visits")
    @Operation(summary = "The visits to someone on a care list, newest first")
    public PageResult<CareVisitView> visits(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        PageResult<CareVisitView> result = service.visits(id, page);
        audit.read("care-person", service.care(id).householdId(), false);
        return result;
    }
}
