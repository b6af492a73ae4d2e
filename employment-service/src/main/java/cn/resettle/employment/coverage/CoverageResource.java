package cn.resettle.employment.coverage;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.web.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/employment/coverage")
@Tag(name = "就业覆盖 Employment coverage")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class CoverageResource {

    @Inject
    CoverageService coverage;

    @GET
    @Operation(summary = "1户1人以上稳定就业 per site, township or county (level): households with labour, with someone employed, without, and the rate")
    public List<CoverageService.CoverageRow> coverage(@QueryParam("level") @DefaultValue("SITE") String level,
                                                      @QueryParam("siteCode") String siteCode,
                                                      @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode) {
        return coverage.coverage(cn.resettle.employment.web.Params.code(CoverageService.Level.class, level, "level"), siteCode, regionCode);
    }

    @GET
    @Path("work-list")
    @Operation(summary = "The work list: households in your scope with labour and nobody employed, paged")
    public PageResult<CoverageService.WorkListRow> workList(@QueryParam("siteCode") String siteCode,
                                                            @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                                            @Valid @BeanParam PageRequest page) {
        return coverage.workList(siteCode, regionCode, page);
    }

    @GET
    @Path("work-list.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The work list as Excel (every row, streamed)")
    public Response workListExport(@QueryParam("siteCode") String siteCode,
                                   @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode) {
        return coverage.workListExport(siteCode, regionCode);
    }
}
