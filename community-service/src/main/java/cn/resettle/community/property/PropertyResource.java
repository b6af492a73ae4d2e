package cn.resettle.community.property;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.property.PropertyDtos.BillRequest;
import cn.resettle.community.property.PropertyDtos.FeeStatus;
import cn.resettle.community.property.PropertyDtos.FeeView;
import cn.resettle.community.property.PropertyDtos.MaintenanceCategory;
import cn.resettle.community.property.PropertyDtos.MaintenanceDone;
import cn.resettle.community.property.PropertyDtos.MaintenanceRequest;
import cn.resettle.community.property.PropertyDtos.MaintenanceView;
import cn.resettle.community.property.PropertyDtos.PaymentRequest;
import cn.resettle.community.property.PropertyDtos.ReliefRequest;
import cn.resettle.community.property.PropertyService.FeeFilter;
import cn.resettle.community.property.PropertyService.MaintenanceFilter;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Property fees with relief for households in difficulty, and the facility-maintenance ledger of each site. */
@Path("/api/community/property")
@Tag(name = "物业与设施 Property and facilities")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class PropertyResource {

    static final String MONTH = "20[0-9]{2}-(0[1-9]|1[0-2])";

    @Inject
    PropertyService service;
    @Inject
    PropertyLedgers ledgers;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Path("fees/bills")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Bill a month's property fee to every active household of a site (households already billed for the month are left)")
    public Response bill(@Valid @NotNull BillRequest req) {
        return Response.status(201).entity(service.bill(req)).build();
    }

    @POST
    @Path("fees/{id}/relief")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.CIVIL_AFFAIRS_OFFICER})
    @Operation(summary = "Relieve a household in difficulty of (part of) a month's fee, naming the difficulty and where the money comes from")
    public FeeView relieve(@PathParam("id") UUID id, @Valid @NotNull ReliefRequest req) {
        return service.relieve(id, req);
    }

    @POST
    @Path("fees/{id}/payments")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record a payment (not more than is outstanding: 422 overpaid)")
    public FeeView pay(@PathParam("id") UUID id, @Valid @NotNull PaymentRequest req) {
        return service.pay(id, req);
    }

    @GET
    @Path("fees")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.RESIDENT})
    @Operation(summary = "Property fees in your scope (a resident: their own household's) by month, status and relief")
    public PageResult<FeeView> fees(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                    @QueryParam("period") @Pattern(regexp = MONTH, message = "yyyy-MM") String period,
                                    @QueryParam("householdId") UUID householdId, @QueryParam("status") FeeStatus status,
                                    @QueryParam("relieved") Boolean relieved, @Valid @BeanParam PageRequest page) {
        FeeFilter f = new FeeFilter(siteCode, regionCode, period, householdId, status, relieved);
        PageResult<FeeView> result = service.fees(f, page);
        audit.list("property-fee", result.items().stream().map(FeeView::householdId).distinct().toList(), false, f.toString());
        return result;
    }

    @GET
    @Path("fees/ledger.xlsx")
    @Produces(PropertyLedgers.XLSX)
    @Operation(summary = "The property-fee ledger 物业费收缴及减免台账 as Excel (filters as the list)")
    public Response feeLedger(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                              @QueryParam("period") @Pattern(regexp = MONTH, message = "yyyy-MM") String period,
                              @QueryParam("status") FeeStatus status, @QueryParam("relieved") Boolean relieved) {
        return ledgers.fees(new FeeFilter(siteCode, regionCode, period, null, status, relieved));
    }

    @POST
    @Path("maintenance")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record a fault or maintenance job on a site's facility (water, power, roads, lighting, lifts …)")
    public Response report(@Valid @NotNull MaintenanceRequest req) {
        return Response.status(201).entity(service.report(req)).build();
    }

    @POST
    @Path("maintenance/{id}/done")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record the repair done with its result and cost; once (422 maintenance-done)")
    public MaintenanceView done(@PathParam("id") UUID id, @Valid @NotNull MaintenanceDone req) {
        return service.done(id, req);
    }

    @GET
    @Path("maintenance")
    @Operation(summary = "Maintenance records in your scope, newest first; status OPEN or DONE; from/to the report date (yyyy-MM-dd)")
    public PageResult<MaintenanceView> maintenance(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                                   @QueryParam("status") @Pattern(regexp = "OPEN|DONE", message = "OPEN or DONE") String status,
                                                   @QueryParam("category") MaintenanceCategory category,
                                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                                   @Valid @BeanParam PageRequest page) {
        return service.maintenanceList(new MaintenanceFilter(siteCode, regionCode, status, category, day("from", from), day("to", to)), page);
    }

    @GET
    @Path("maintenance/ledger.xlsx")
    @Produces(PropertyLedgers.XLSX)
    @Operation(summary = "The facility-maintenance ledger 设施维护台账 as Excel (filters as the list)")
    public Response maintenanceLedger(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                      @QueryParam("status") @Pattern(regexp = "OPEN|DONE", message = "OPEN or DONE") String status,
                                      @QueryParam("category") MaintenanceCategory category,
                                      @QueryParam("from") String from, @QueryParam("to") String to) {
        return ledgers.maintenance(new MaintenanceFilter(siteCode, regionCode, status, category, day("from", from), day("to", to)));
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "a date as yyyy-MM-dd");
        }
    }
}
