package cn.resettle.community.household;

import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.community.household.Enums.HouseholdStatus;
import cn.resettle.community.household.Enums.RelocationType;
import cn.resettle.community.household.HouseholdDtos.HouseholdRequest;
import cn.resettle.community.household.HouseholdDtos.HouseholdUpdate;
import cn.resettle.community.household.HouseholdDtos.HouseholdView;
import cn.resettle.community.household.HouseholdDtos.MemberRequest;
import cn.resettle.community.household.HouseholdDtos.MemberUpdate;
import cn.resettle.community.household.HouseholdDtos.MoveOutRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import cn.resettle.common.jobs.Jobs;
import cn.resettle.community.jobs.JobResource;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/community/households")
@Tag(name = "搬迁户 Households")
public class HouseholdResource {

    static final String[] WRITERS = {Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER};
    static final String[] READERS = {Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER,
            Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM};

    @Inject
    HouseholdService households;
    @Inject
    LedgerExport ledger;
    @Inject
    LedgerJobs jobs;
    @Inject
    Jobs jobDirectory;

    @POST
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Register a household with its members")
    public Response register(@Valid @NotNull HouseholdRequest req) {
        HouseholdView v = households.register(req);
        return Response.created(URI.create("/api/community/households/" + v.id())).entity(v).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER, Roles.CIVIL_AFFAIRS_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
    @Operation(summary = "Households in your data scope, paged; filter by region prefix, site, relocation type, a member's labour capacity, status")
    public PageResult<HouseholdView> list(@QueryParam("regionCode") String regionCode, @QueryParam("siteId") UUID siteId,
                                          @QueryParam("relocationType") RelocationType relocationType,
                                          @QueryParam("labourCapacity") LabourCapacity labourCapacity,
                                          @QueryParam("status") HouseholdStatus status,
                                          @Valid @BeanParam PageRequest page) {
        return households.list(new HouseholdService.Filter(regionCode, siteId, relocationType, labourCapacity, status), page);
    }

    @GET
    @Path("ledger.xlsx")
    @Produces(LedgerExport.XLSX)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The household ledger (搬迁户台账) as Excel, one row per person, every person in your data scope "
            + "(split over sheets at Excel's row limit); for a county or more start a ledger job instead (POST ledger-jobs)")
    public Response exportLedger(@QueryParam("regionCode") String regionCode, @QueryParam("siteId") UUID siteId,
                                 @QueryParam("relocationType") RelocationType relocationType,
                                 @QueryParam("labourCapacity") LabourCapacity labourCapacity,
                                 @QueryParam("status") HouseholdStatus status) {
        return ledgerNow(new HouseholdService.Filter(regionCode, siteId, relocationType, labourCapacity, status),
                LedgerExport.Format.XLSX, "household-ledger.xlsx");
    }

    @GET
    @Path("ledger.csv")
    @Produces(LedgerExport.CSV)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The household ledger (搬迁户台账) as CSV (UTF-8 with BOM), one row per person, every person in your data scope")
    public Response exportLedgerCsv(@QueryParam("regionCode") String regionCode, @QueryParam("siteId") UUID siteId,
                                    @QueryParam("relocationType") RelocationType relocationType,
                                    @QueryParam("labourCapacity") LabourCapacity labourCapacity,
                                    @QueryParam("status") HouseholdStatus status) {
        return ledgerNow(new HouseholdService.Filter(regionCode, siteId, relocationType, labourCapacity, status),
                LedgerExport.Format.CSV, "household-ledger.csv");
    }

    @POST
    @Path("ledger-jobs")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Start the household ledger as a job (format xlsx or csv): 202 with the job; poll "
            + "GET /api/community/jobs/{id} for its progress and download its result when DONE")
    public Response startLedgerJob(@QueryParam("format") @DefaultValue("xlsx") @Pattern(regexp = "xlsx|csv", message = "xlsx or csv") String format,
                                   @QueryParam("regionCode") String regionCode, @QueryParam("siteId") UUID siteId,
                                   @QueryParam("relocationType") RelocationType relocationType,
                                   @QueryParam("labourCapacity") LabourCapacity labourCapacity,
                                   @QueryParam("status") HouseholdStatus status) {
        HouseholdService.Filter filter = new HouseholdService.Filter(regionCode, siteId, relocationType, labourCapacity, status);
        LedgerExport.Format f = "csv".equals(format) ? LedgerExport.Format.CSV : LedgerExport.Format.XLSX;
        Jobs.JobView job = jobs.ledger(filter, f);
        return Response.accepted(job).location(URI.create(JobResource.PATH + "/" + job.id())).build();
    }

    /** Writes the whole ledger to a temporary file (constant memory), then sends it and deletes it. */
    private Response ledgerNow(HouseholdService.Filter filter, LedgerExport.Format format, String name) {
        java.nio.file.Path file;
        try {
            java.nio.file.Files.createDirectories(jobDirectory.directory());
            file = java.nio.file.Files.createTempFile(jobDirectory.directory(), "ledger", format == LedgerExport.Format.CSV ? ".csv" : ".xlsx");
            try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16);
                 LedgerExport.Writer w = ledger.open(out, format)) {
                households.ledger(filter, LEDGER_CHUNK, w::write);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StreamingOutput body = out -> {
            try {
                java.nio.file.Files.copy(file, out);
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /** Households read per statement when a ledger is written. */
    static final int LEDGER_CHUNK = 500;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER, Roles.CIVIL_AFFAIRS_OFFICER,
            Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
    public HouseholdView get(@PathParam("id") UUID id) {
        return households.get(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Update a household; send the version you read, a stale one gets 409")
    public HouseholdView update(@PathParam("id") UUID id, @Valid @NotNull HouseholdUpdate req) {
        return households.update(id, req);
    }

    @POST
    @Path("{id}/move-out")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Record that the household moved out (the record is kept, never deleted)")
    public HouseholdView moveOut(@PathParam("id") UUID id, @Valid @NotNull MoveOutRequest req) {
        return households.moveOut(id, req);
    }

    @POST
    @Path("{id}/members")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    public Response addMember(@PathParam("id") UUID id, @Valid @NotNull MemberRequest req) {
        return Response.status(201).entity(households.addMember(id, req)).build();
    }

    @PUT
    @Path("{id}/members/{personId}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Update a member (monthly update of labour, employment, skills...); status MOVED_OUT or DECEASED instead of deleting")
    public HouseholdView updateMember(@PathParam("id") UUID id, @PathParam("personId") UUID personId,
                                      @Valid @NotNull MemberUpdate req) {
        return households.updateMember(id, personId, req);
    }
}
