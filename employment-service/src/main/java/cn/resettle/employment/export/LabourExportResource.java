package cn.resettle.employment.export;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.export.LabourExportService.ExportView;
import cn.resettle.employment.web.Params;
import cn.resettle.employment.web.Xlsx;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/employment/labour-exports")
@Tag(name = "劳务输出 Labour export")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class LabourExportResource {

    @Inject
    LabourExportService exports;

    @POST
    @Operation(summary = "An organised transfer of a worker to another region (劳务输出): channel, destination, employer, organiser, batch; the person's placement EMPLOYED_OUTSIDE")
    public Response create(@Valid @NotNull LabourExportService.NewExport req, @Context UriInfo uri) {
        ExportView v = exports.create(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/labour-exports/" + v.id()).build()).entity(v).build();
    }

    @GET
    @Operation(summary = "Transfers in your scope, latest departure first; filter by status, channel, site, region prefix, person, household, departure dates")
    public PageResult<ExportView> list(@QueryParam("status") String status, @QueryParam("channel") String channel,
                                       @QueryParam("siteCode") String siteCode,
                                       @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                       @QueryParam("personId") UUID personId, @QueryParam("householdId") UUID householdId,
                                       @QueryParam("departedFrom") String departedFrom, @QueryParam("departedTo") String departedTo,
                                       @Valid @BeanParam PageRequest page) {
        return exports.list(filter(status, channel, siteCode, regionCode, personId, householdId, departedFrom, departedTo), page);
    }

    @GET
    @Path("export.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The labour-export ledger 劳务输出台账 as Excel, same filters, every row")
    public Response export(@QueryParam("status") String status, @QueryParam("channel") String channel,
                           @QueryParam("siteCode") String siteCode,
                           @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                           @QueryParam("departedFrom") String departedFrom, @QueryParam("departedTo") String departedTo) {
        return exports.export(filter(status, channel, siteCode, regionCode, null, null, departedFrom, departedTo));
    }

    @GET
    @Path("{id}")
    public ExportView get(@PathParam("id") UUID id) {
        return exports.read(id);
    }

    @POST
    @Path("{id}/return")
    @Operation(summary = "The worker came home (返乡): the transfer is RETURNED and its placement ends with the reason (DISASTER: 因灾返乡)")
    public ExportView returned(@PathParam("id") UUID id, @Valid @NotNull LabourExportService.Return req) {
        return exports.returned(id, req);
    }

    private static LabourExportService.Filter filter(String status, String channel, String siteCode, String regionCode, UUID personId,
                                                     UUID householdId, String from, String to) {
        return new LabourExportService.Filter(Params.code(LabourExportService.Status.class, status, "status"),
                Params.code(LabourExportService.Channel.class, channel, "channel"), siteCode, regionCode, personId, householdId,
                Params.date(from, "departedFrom"), Params.date(to, "departedTo"));
    }
}
