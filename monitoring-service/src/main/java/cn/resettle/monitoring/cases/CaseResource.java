package cn.resettle.monitoring.cases;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.cases.CaseService.CaseView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/monitoring/cases")
@Tag(name = "监测对象识别 Identification of monitoring subjects")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class CaseResource {

    @Inject
    CaseService cases;

    @POST
    @Operation(summary = "Open an identification case (from a declaration, a warning or a cadre's check)")
    public Response open(@Valid @NotNull CaseService.OpenCase req) {
        return Response.status(201).entity(cases.open(req)).build();
    }

    @POST
    @Path("{id}/steps")
    @Operation(summary = "Record the next step (home check, democratic review, public notice, township review, county approval); out of order is 422; approval identifies the subject")
    public CaseView step(@PathParam("id") UUID id, @Valid @NotNull CaseService.StepRequest req) {
        return cases.step(id, req);
    }

    @GET
    @Operation(summary = "Cases in your scope; overdue=true lists those past the region's time limit")
    public PageResult<CaseView> list(@QueryParam("status") CaseWorkflow.Status status, @QueryParam("overdue") Boolean overdue,
                                     @Valid @BeanParam PageRequest page) {
        return cases.list(status, overdue, page);
    }

    @GET
    @Path("{id}")
    public CaseView get(@PathParam("id") UUID id) {
        return cases.get(id);
    }
}
