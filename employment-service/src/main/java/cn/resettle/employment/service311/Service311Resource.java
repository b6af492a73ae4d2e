package cn.resettle.employment.service311;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Year;

@Path("/api/employment/service-311")
@Tag(name = "311就业服务 \"311\" service")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class Service311Resource {

    @Inject
    Service311 service311;

    @GET
    @Operation(summary = "\"311\" per unemployed worker who wants work, for a year: job offers, career guidance, training offers; shortOnly=true is the list of workers still short of 3/1/1 (resettle.service311.*)")
    public PageResult<Service311.WorkerServices> workers(@QueryParam("year") Integer year, @QueryParam("siteCode") String siteCode,
                                                         @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                                         @QueryParam("shortOnly") boolean shortOnly, @Valid @BeanParam PageRequest page) {
        return service311.workers(year == null ? Year.now().getValue() : year, siteCode, regionCode, shortOnly, page);
    }
}
