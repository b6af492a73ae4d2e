package cn.resettle.community.housing;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.housing.HousingRulesService.RentalRequest;
import cn.resettle.community.housing.HousingRulesService.RentalView;
import cn.resettle.community.housing.HousingRulesService.RestrictionRequest;
import cn.resettle.community.housing.HousingRulesService.RestrictionView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.UUID;

/** The 20-year ban on mortgage, sale or transfer of each resettlement house, and registered rentals. */
@Path("/api/community/housing")
@Tag(name = "安置住房管理 Resettlement housing rules")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class HousingRulesResource {

    @Inject
    HousingRulesService rules;

    @POST
    @Path("restrictions")
    @Operation(summary = "Record a household's house and its hand-over: mortgage, sale and transfer are banned for 20 years (configuration) from it")
    public Response restrict(@Valid @NotNull RestrictionRequest req) {
        return Response.status(201).entity(rules.restrict(req)).build();
    }

    @GET
    @Path("restrictions")
    @Operation(summary = "Houses in your scope with the day their ban ends (endingBefore: bans ending before a date), soonest first")
    public PageResult<RestrictionView> restrictions(@QueryParam("householdId") UUID householdId,
                                                    @QueryParam("siteCode") String siteCode,
                                                    @QueryParam("endingBefore") LocalDate endingBefore,
                                                    @Valid @BeanParam PageRequest page) {
        return rules.restrictions(householdId, siteCode, endingBefore, page);
    }

    @POST
    @Path("rentals")
    @Operation(summary = "Register a rental of a household's house (出租登记)")
    public Response rent(@Valid @NotNull RentalRequest req) {
        return Response.status(201).entity(rules.registerRental(req)).build();
    }

    @GET
    @Path("rentals")
    @Operation(summary = "Registered rentals in your scope; active=true those running today")
    public PageResult<RentalView> rentals(@QueryParam("householdId") UUID householdId, @QueryParam("siteCode") String siteCode,
                                          @QueryParam("active") Boolean active, @Valid @BeanParam PageRequest page) {
        return rules.rentals(householdId, siteCode, active, null, page);
    }
}
