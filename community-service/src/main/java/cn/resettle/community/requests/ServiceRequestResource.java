package cn.resettle.community.requests;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.requests.RequestDtos.AnswerRequest;
import cn.resettle.community.requests.RequestDtos.CloseRequest;
import cn.resettle.community.requests.RequestDtos.FileRequest;
import cn.resettle.community.requests.RequestDtos.ReopenRequest;
import cn.resettle.community.requests.RequestDtos.RequestDetail;
import cn.resettle.community.requests.RequestDtos.RequestFilter;
import cn.resettle.community.requests.RequestDtos.RequestView;
import cn.resettle.community.requests.RequestDtos.VersionRequest;
import cn.resettle.community.requests.RequestEnums.Category;
import cn.resettle.community.requests.RequestEnums.Channel;
import cn.resettle.community.requests.RequestEnums.Level;
import cn.resettle.community.requests.RequestEnums.Status;
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
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.UUID;

/** One-stop service requests (一站式服务, 群众诉求处理台账). */
@Path("/api/community/requests")
@Tag(name = "群众诉求 One-stop service requests")
public class ServiceRequestResource {

    @Inject
    ServiceRequestService requests;
    @Inject
    RequestLedger ledger;
    @Inject
    PersonalDataAudit audit;

    @POST
    @RolesAllowed({Roles.RESIDENT, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "File a request: a resident for their own household (from the token), staff for a household in their scope; routed to the category's department with its deadline")
    public Response file(@Valid @NotNull FileRequest req, @Context UriInfo uri) {
        RequestView r = requests.file(req, Channel.WORKER);
        return Response.created(uri.getAbsolutePathBuilder().path(r.id().toString()).build()).entity(r).build();
    }

    @GET
    @RolesAllowed({Roles.RESIDENT, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Requests in your scope (a resident: their own); open=true the open ones and overdue=true those past their deadline, soonest deadline first")
    public PageResult<RequestView> list(@QueryParam("status") Status status, @QueryParam("category") Category category,
                                        @QueryParam("level") Level level, @QueryParam("siteCode") String siteCode,
                                        @QueryParam("regionCode") String regionCode, @QueryParam("householdId") UUID householdId,
                                        @QueryParam("open") Boolean open, @QueryParam("overdue") Boolean overdue,
                                        @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                                        @Valid @BeanParam PageRequest page) {
        RequestFilter f = new RequestFilter(status, category, level, siteCode, regionCode, householdId, open, overdue, from, to);
        PageResult<RequestView> result = requests.list(f, page);
        audit.list("service-request", result.items().stream().map(RequestView::householdId).distinct().toList(), false,
                f.toString());
        return result;
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(RequestLedger.XLSX)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The request ledger 群众诉求处理台账 as Excel, for a site, a township or the county (filters as the list)")
    public Response ledger(@QueryParam("status") Status status, @QueryParam("category") Category category,
                           @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                           @QueryParam("overdue") Boolean overdue, @QueryParam("from") LocalDate from,
                           @QueryParam("to") LocalDate to) {
        return ledger.export(new RequestFilter(status, category, null, siteCode, regionCode, null, null, overdue, from, to));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.RESIDENT, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One request with its history (filed, accepted, escalated, answered, rated, reopened)")
    public RequestDetail get(@PathParam("id") UUID id) {
        RequestView r = requests.get(id);
        audit.read("service-request", r.householdId(), false);
        return new RequestDetail(r, requests.steps(id));
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL,
            Roles.SITE_WORKER})
    @Operation(summary = "Accept a submitted request: the answer's deadline starts")
    public RequestView accept(@PathParam("id") UUID id, @Valid @NotNull VersionRequest req) {
        return requests.accept(id, req.version());
    }

    @POST
    @Path("{id}/answer")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL,
            Roles.SITE_WORKER})
    @Operation(summary = "Answer a request (a dispute with the mediation outcome); it waits for the resident's rating")
    public RequestView answer(@PathParam("id") UUID id, @Valid @NotNull AnswerRequest req) {
        return requests.answer(id, req);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Roles.RESIDENT, Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Close an answered request with the resident's rating 1–5 (by the resident, or a worker on their behalf)")
    public RequestView close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest req) {
        return requests.close(id, req);
    }

    @POST
    @Path("{id}/reopen")
    @RolesAllowed({Roles.RESIDENT, Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Reopen an answered request the resident is not satisfied with: it is to be accepted again, with a new deadline")
    public RequestView reopen(@PathParam("id") UUID id, @Valid @NotNull ReopenRequest req) {
        return requests.reopen(id, req);
    }
}
