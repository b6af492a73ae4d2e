package cn.resettle.employment.subsidy;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.employment.web.Params;
import cn.resettle.employment.web.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

import java.time.LocalDate;
import java.time.Year;
import java.util.UUID;

/** Subsidies as configuration (003): the eligible cases, listed and exported, never paid here. */
@Path("/api/employment/subsidies")
@Tag(name = "就业补贴 Subsidies")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class SubsidyResource {


    @Inject
    SubsidyService subsidies;

    @GET
    @Path("rules")
    @Operation(summary = "The subsidy rules in force (resettle.subsidies.*): retention months and amount, incubator share, yearly cap and years")
    public SubsidyService.RulesView rules() {
        return subsidies.rules();
    }

    @GET
    @Path("retention")
    @Operation(summary = "Employers that kept a relocated worker the configured months (by asOf, default today): one one-off amount per placement; year= the year the period was reached")
    public PageResult<SubsidyService.RetentionCase> retention(@QueryParam("asOf") String asOf, @QueryParam("employerId") UUID employerId,
                                                              @QueryParam("siteCode") String siteCode,
                                                              @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                                              @QueryParam("year") @Min(2016) @Max(2100) Integer year,
                                                              @Valid @BeanParam PageRequest page) {
        return subsidies.retention(asOf(asOf), employerId, siteCode, regionCode, year, page);
    }

    @GET
    @Path("retention.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The retention cases as Excel (稳岗补贴名单), same filters, every row")
    public Response retentionExport(@QueryParam("asOf") String asOf, @QueryParam("employerId") UUID employerId,
                                    @QueryParam("siteCode") String siteCode,
                                    @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                    @QueryParam("year") @Min(2016) @Max(2100) Integer year) {
        return subsidies.retentionExport(asOf(asOf), employerId, siteCode, regionCode, year);
    }

    @POST
    @Path("incubator/tenancies")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "A self-employed person enters an incubator (创业孵化基地): incubator, business, entry date")
    public Response enter(@Valid @NotNull SubsidyService.NewTenancy req, @Context UriInfo uri) {
        SubsidyService.TenancyView v = subsidies.enter(req);
        return Response.created(uri.getBaseUriBuilder().path("api/employment/subsidies/incubator/tenancies").queryParam("personId", v.personId()).build())
                .entity(v).build();
    }

    @GET
    @Path("incubator/tenancies")
    @Operation(summary = "Incubator tenancies in your scope")
    public PageResult<SubsidyService.TenancyView> tenancies(@QueryParam("siteCode") String siteCode,
                                                            @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                                            @QueryParam("personId") UUID personId, @Valid @BeanParam PageRequest page) {
        return subsidies.tenancies(siteCode, regionCode, personId, page);
    }

    @POST
    @Path("incubator/tenancies/{id}/costs")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "A month's actual costs in the incubator (物管费、卫生费、房租费、水电费); once per month (409 cost-recorded)")
    public SubsidyService.TenancyView cost(@PathParam("id") UUID id, @Valid @NotNull SubsidyService.Cost req) {
        return subsidies.recordCost(id, req);
    }

    @GET
    @Path("incubator")
    @Operation(summary = "Each tenancy's eligible incubator subsidy in the year: the configured share of each month's costs within the configured years from entry, capped per year")
    public PageResult<SubsidyService.IncubatorCase> incubator(@QueryParam("year") Integer year, @QueryParam("siteCode") String siteCode,
                                                              @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode,
                                                              @Valid @BeanParam PageRequest page) {
        return subsidies.incubator(year == null ? Year.now().getValue() : year, siteCode, regionCode, page);
    }

    @GET
    @Path("incubator.xlsx")
    @Produces(Xlsx.TYPE)
    @Operation(summary = "The incubator cases of the year as Excel (创业孵化补贴名单)")
    public Response incubatorExport(@QueryParam("year") Integer year, @QueryParam("siteCode") String siteCode,
                                    @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}") String regionCode) {
        return subsidies.incubatorExport(year == null ? Year.now().getValue() : year, siteCode, regionCode);
    }

    private static LocalDate asOf(String value) {
        LocalDate d = Params.date(value, "asOf");
        return d == null ? LocalDate.now() : d;
    }
}
