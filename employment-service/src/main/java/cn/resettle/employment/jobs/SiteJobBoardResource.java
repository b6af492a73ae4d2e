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

@Path("/api/employment/sites")
@Tag(name = "岗位清单 Job postings")
public class SiteJobBoardResource {


    @Inject
    JobService jobs;

    @GET
    @Path("{siteCode}/jobs")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.RESIDENT})
    @Operation(summary = "A site's job board: open, valid postings published to the site, best paid first (a resident sees their own site's board)")
    public PageResult<PostingView> board(@PathParam("siteCode") String siteCode, @Valid @BeanParam PageRequest page) {
        return jobs.board(siteCode, page);
    }
}
