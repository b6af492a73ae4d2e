package cn.resettle.community.exchange;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.exchange.ExchangeDtos.DecisionReport;
import cn.resettle.community.exchange.ExchangeDtos.DecisionView;
import cn.resettle.community.exchange.ExchangeDtos.Referral;
import cn.resettle.community.exchange.ExchangeDtos.RegistryHousehold;
import cn.resettle.community.exchange.ExchangeDtos.Search;
import cn.resettle.tasks.AssistanceTask;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Data exchange with other government systems (数据共享交换): the registry searched by ID number or region, the
 * social-assistance referrals and civil affairs' answers to them. Client credentials (role {@code system}, region
 * claim of the installation) or the officers who do the same by hand.
 */
@Path("/api/community/exchange")
@Tag(name = "数据交换 Exchange")
public class ExchangeResource {

    @Inject
    RegistryExchangeService registry;
    @Inject
    ReferralExchangeService referrals;

    @POST
    @Path("households/search")
    @RolesAllowed({Roles.SYSTEM, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER})
    @Operation(operationId = "searchExchangeHouseholds", summary = "Relocated households (搬迁户) with their members by ID number "
            + "(exact, checked) or by region (county or township code), in your data scope, paged, masked by role, audited. "
            + "The criteria go in the body so ID numbers never appear in a URL or an access log")
    public PageResult<RegistryHousehold> search(@Valid @NotNull Search search, @Valid @BeanParam PageRequest page) {
        return registry.search(search, page);
    }

    @GET
    @Path("referrals")
    @RolesAllowed({Roles.SYSTEM, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER})
    @Operation(operationId = "getExchangeReferrals", summary = "Social-assistance referrals (低保/特困 转介) in your scope, soonest "
            + "deadline first, each with the household and any answer already reported; status OPEN, ACCEPTED, COMPLETED, DECLINED, CANCELLED")
    public PageResult<Referral> referrals(@QueryParam("status") AssistanceTask.Status status,
                                          @QueryParam("regionCode") @Pattern(regexp = "[0-9]{2,9}", message = "must be a division code prefix") String regionCode,
                                          @Valid @BeanParam PageRequest page) {
        return referrals.list(status, regionCode, page);
    }

    @POST
    @Path("referrals/{id}/decision")
    @RolesAllowed({Roles.SYSTEM, Roles.CIVIL_AFFAIRS_OFFICER})
    @Operation(operationId = "postExchangeReferralDecision", summary = "Civil affairs' answer to a referral: programme DIBAO (低保) or "
            + "TEKUN (特困), decision GRANTED or REFUSED (with the reason), decision number and date. Completes (granted) or "
            + "declines (refused) the referral task, and monitoring's assistance plan shows it. 201 when applied; the same "
            + "answer again is 200 with the recorded answer and changes nothing; a different answer is 409 decision-conflict")
    public Response decide(@PathParam("id") UUID id, @Valid @NotNull DecisionReport report) {
        ReferralExchangeService.Outcome o = referrals.report(id, report);
        DecisionView v = o.decision();
        return Response.status(o.applied() ? 201 : 200).entity(v).build();
    }
}
