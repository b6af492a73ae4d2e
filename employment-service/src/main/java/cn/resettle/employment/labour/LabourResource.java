package cn.resettle.employment.labour;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.labour.LabourDtos.LabourUpdate;
import cn.resettle.employment.labour.LabourDtos.LabourView;
import cn.resettle.employment.web.Params;
import cn.resettle.employment.web.Xlsx;
import cn.resettle.employment.matching.MatchingDtos.PostingMatch;
import cn.resettle.employment.matching.MatchingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/employment/labour")
@Tag(name = "劳动力台账 Labour registry")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class LabourResource {

    @Inject
    LabourService labour;
    @Inject
    MatchingService matching;
    @Inject
    cn.resettle.employment.service311.Service311 service311;

    @GET
    @Path("{personId}/matches")
    @Operation(summary = "Open postings ranked for a person, best first, each with its score and reasons (skills, distance class, labour capacity, wish)")
    public PageResult<PostingMatch> matches(@PathParam("personId") UUID personId, @Valid @BeanParam PageRequest page) {
        return matching.postingsFor(personId, page);
    }

    @GET
    @Operation(summary = "People who can work in your scope, paged; list= one of the five lists (EMPLOYED, SEEKING, TRAINING, PUBLIC_WELFARE, ENTREPRENEUR) or TRANSFER; filter by site, region prefix, skill code, labour capacity, household, not updated this month")
    public PageResult<LabourView> list(@QueryParam("list") String list, @QueryParam("siteCode") String siteCode,
                                       @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                       @QueryParam("skill") String skill, @QueryParam("labourCapacity") String labourCapacity,
                                       @QueryParam("notCheckedThisMonth") Boolean notCheckedThisMonth,
                                       @QueryParam("householdId") UUID householdId, @Valid @BeanParam PageRequest page) {
        return labour.list(new LabourService.Filter(Params.code(LabourList.class, list, "list"), siteCode, regionCode, skill, labourCapacity, notCheckedThisMonth, householdId), page);
    }

    @GET
    @Path("export.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The labour registry or one of its lists as Excel (same filters as the list; every row, streamed)")
    public Response export(@QueryParam("list") String list, @QueryParam("siteCode") String siteCode,
                           @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                           @QueryParam("skill") String skill, @QueryParam("labourCapacity") String labourCapacity,
                           @QueryParam("notCheckedThisMonth") Boolean notCheckedThisMonth) {
        return labour.export(new LabourService.Filter(Params.code(LabourList.class, list, "list"), siteCode, regionCode, skill, labourCapacity, notCheckedThisMonth, null));
    }

    @GET
    @Path("{personId}")
    @Operation(summary = "One person's labour record")
    public LabourView get(@PathParam("personId") UUID personId) {
        return labour.get(personId);
    }

    @PUT
    @Path("{personId}")
    @Operation(summary = "The monthly update of a person's labour record: skills (codes), wished occupations, wish to work, training wish, whether they can leave home")
    public LabourView update(@PathParam("personId") UUID personId, @Valid @NotNull LabourUpdate req) {
        return labour.update(personId, req);
    }

    @jakarta.ws.rs.POST
    @Path("{personId}/services")
    @Operation(summary = "Record a \"311\" service given to the person: JOB_OFFER (offered outside the system's recommendations), GUIDANCE, TRAINING_OFFER")
    public Response recordService(@PathParam("personId") UUID personId, @Valid @NotNull cn.resettle.employment.service311.Service311.Record req,
                                  @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        var v = service311.record(personId, req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/labour/" + personId + "/services").build()).entity(v).build();
    }

    @GET
    @Path("{personId}/services")
    @Operation(summary = "The \"311\" services recorded for the person in a year")
    public java.util.List<cn.resettle.employment.service311.Service311.ServiceView> services(@PathParam("personId") UUID personId,
                                                                                             @QueryParam("year") @jakarta.validation.constraints.Min(2016) @jakarta.validation.constraints.Max(2100) Integer year) {
        return service311.services(personId, year == null ? java.time.Year.now().getValue() : year);
    }
}
