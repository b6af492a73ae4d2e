package cn.resettle.monitoring.command;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.monitoring.command.FiveTypesDtos.AttestationRequest;
import cn.resettle.monitoring.command.FiveTypesDtos.ChecklistRequest;
import cn.resettle.monitoring.command.FiveTypesDtos.ChecklistView;
import cn.resettle.monitoring.command.FiveTypesDtos.SiteAssessment;
import cn.resettle.monitoring.command.FiveTypesDtos.SiteSummary;
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
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Year;

/** Five-types site assessment 五型安置点 (seed 002 annex 2), part of the command view. */
@Path("/api/command/five-types")
@Tag(name = "指挥调度 Command view")
public class FiveTypesResource {

    @Inject
    FiveTypesService fiveTypes;
    @Inject
    IndicatorService indicators;

    @GET
    @Path("checklist")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "The county's five-types checklist for the year (the latest list it set up to that year, else the "
            + "template from Xingguo's 2022 list, source TEMPLATE)")
    public ChecklistView checklist(@QueryParam("county") String county, @QueryParam("year") Integer year) {
        return fiveTypes.checklist(county, year == null ? Year.now(CommandProjection.ZONE).getValue() : year);
    }

    @PUT
    @Path("checklist/{county}/{year}")
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(summary = "Set the county's five-types checklist for a year (replaces that year's list): METRIC items name a "
            + "figure or rate and a threshold, ATTESTED items are recorded per site with their evidence")
    public ChecklistView replace(@PathParam("county") String county, @PathParam("year") int year,
                                 @Valid @NotNull ChecklistRequest req) {
        return fiveTypes.replace(county, year, req);
    }

    @PUT
    @Path("sites/{site}/attestations/{item}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL})
    @Operation(summary = "Record whether a site meets an ATTESTED item of the year, with the evidence (the workshop, the "
            + "one-stop window, the collective income…); answers the site's assessment")
    public SiteAssessment attest(@PathParam("site") String site, @PathParam("item") String item,
                                 @QueryParam("year") Integer year, @Valid @NotNull AttestationRequest req) {
        return fiveTypes.attest(site, item, year == null ? Year.now(CommandProjection.ZONE).getValue() : year, req);
    }

    @GET
    @Path("sites/{site}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "A site against the five checklists: each item met or not with the evidence that decided it, the "
            + "types it qualifies for and its gap list")
    public SiteAssessment site(@PathParam("site") String site, @QueryParam("year") Integer year,
                               @QueryParam("month") @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month) {
        return fiveTypes.assess(site, year == null ? Year.now(CommandProjection.ZONE).getValue() : year, CommandResource.month(month));
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
            Roles.INDUSTRY_OFFICER, Roles.SITE_WORKER})
    @Operation(summary = "The sites of an area (region / site, default yours) with the types each qualifies for and its "
            + "number of gaps; type=…: only the sites that qualify for that type. Paged")
    public PageResult<SiteSummary> sites(@QueryParam("region") String region, @QueryParam("site") String site,
                                         @QueryParam("year") Integer year, @QueryParam("type") String type,
                                         @QueryParam("month") @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month,
                                         @Valid @BeanParam PageRequest page) {
        return fiveTypes.sites(indicators.area(region, site), year == null ? Year.now(CommandProjection.ZONE).getValue() : year,
                CommandResource.month(month), CommandResource.parse(SiteType.class, "type", type), page);
    }
}
