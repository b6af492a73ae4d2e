package cn.resettle.employment.jobs;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.jobs.JobDtos.EmployerView;
import cn.resettle.employment.jobs.JobDtos.PostingView;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/employment/employers")
@Tag(name = "单位 Employers")
public class EmployerResource {


    @Inject
    JobService jobs;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Register an employer (enterprise, assistance workshop, work-relief project, public-welfare post unit) in your region")
    public Response createEmployer(@Valid @NotNull JobDtos.NewEmployer req, @Context UriInfo uri) {
        EmployerView v = jobs.createEmployer(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/employers/" + v.id()).build()).entity(v).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Employers, paged by name; filter by kind, region prefix, part of the name")
    public PageResult<EmployerView> employers(@QueryParam("kind") String kind, @QueryParam("regionCode") String regionCode,
                                              @QueryParam("name") String name, @Valid @BeanParam PageRequest page) {
        return jobs.employers(cn.resettle.employment.web.Params.code(Employer.Kind.class, kind, "kind"), regionCode, name, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    public EmployerView employer(@PathParam("id") UUID id) {
        return jobs.employer(id);
    }
}
