package cn.resettle.community.importing;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.Roles;
import cn.resettle.community.importing.ImportDtos.ImportReport;
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
