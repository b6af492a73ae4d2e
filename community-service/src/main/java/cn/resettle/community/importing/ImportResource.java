package cn.resettle.community.importing;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.Roles;
import cn.resettle.community.importing.ImportDtos.ImportReport;
import cn.resettle.community.jobs.JobResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;


@Path("/api/community/imports/households")
@Tag(name = "批量导入 Import")
public class ImportResource {

    @Inject
    HouseholdImport importer;
    @Inject
    cn.resettle.common.jobs.Jobs jobs;
    @Inject
    cn.resettle.common.security.DataScope scope;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Import households and people from an .xlsx or CSV file (form field 'file'), one row per person")
    public ImportReport importHouseholds(@RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw DomainException.invalid("file", "attach the spreadsheet as form field 'file'");
        }
        return importer.importFile(file.uploadedFile(), file.fileName());
    }

    @POST
    @Path("jobs")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Import a large file as a job: 202 with the job; poll GET /api/community/jobs/{id} for rows done, "
            + "errors so far and the percentage; its result is the import report (JSON)")
    public Response importAsJob(@RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw DomainException.invalid("file", "attach the spreadsheet as form field 'file'");
        }
        java.nio.file.Path copy;
        try {
            // the upload is deleted when this request ends; the job reads its own copy
            copy = java.nio.file.Files.createTempFile("import", ".upload");
            java.nio.file.Files.copy(file.uploadedFile(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String name = file.fileName();
        var id = jobs.submit("household-import", scope.actor(), "import-report.json", MediaType.APPLICATION_JSON, (progress, out) -> {
            try {
                ImportReport report = importer.importFile(copy, name, progress::total, (done, errors) -> {
                    progress.done(done);
                    for (long i = progress.errors(); i < errors.size(); i++) {
                        var e = errors.get((int) i);
                        progress.error("第" + e.row() + "行 " + e.field() + ": " + e.message());
                    }
                });
                json.writeValue(out, report);
                return "{\"rows\":" + report.rows() + ",\"householdsCreated\":" + report.householdsCreated()
                        + ",\"peopleAdded\":" + report.peopleAdded() + ",\"duplicates\":" + report.duplicates()
                        + ",\"rejected\":" + report.rejected() + "}";
            } finally {
                java.nio.file.Files.deleteIfExists(copy);
            }
        });
        return Response.accepted(jobs.get(id, scope.actor(), JobResource.PATH + "/"))
                .location(java.net.URI.create(JobResource.PATH + "/" + id)).build();
    }

    @GET
    @Path("template.csv")
    @Produces("text/csv; charset=UTF-8")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The import template with its Chinese column headers and one example row")
    public Response template() {
        return Response.ok(HouseholdImport.templateCsv())
                .header("Content-Disposition", "attachment; filename=\"household-import-template.csv\"").build();
    }
}
