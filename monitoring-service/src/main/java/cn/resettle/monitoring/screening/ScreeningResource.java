package cn.resettle.monitoring.screening;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

@Path("/api/monitoring/screenings")
@Tag(name = "部门数据筛查 Department screening")
public class ScreeningResource {

    /** The oldest month a department file may be for (the same window as monthly visits). */
    static final int MAX_MONTHS_BACK = 24;

    @Inject
    ScreeningService screenings;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.EMPLOYMENT_OFFICER, Roles.INDUSTRY_OFFICER, Roles.CIVIL_AFFAIRS_OFFICER, Roles.SYSTEM})
    @Operation(summary = "Upload a department's monthly file (CSV or .xlsx: 身份证号 plus 医疗自付费用, 残疾, 失业, 灾害损失, 人均纯收入); rows are matched to the registry by ID number and warnings flagged per household; malformed and unmatched rows are reported")
    public ScreeningService.Report upload(@RestForm("file") FileUpload file, @RestForm("department") String department,
                                          @RestForm("month") String month) {
        if (file == null || file.uploadedFile() == null) {
            throw DomainException.invalid("file", "attach the department's file as form field 'file'");
        }
        if (department == null || department.isBlank() || department.length() > 64) {
            throw DomainException.invalid("department", "name the department (at most 64 characters)");
        }
        if (cn.resettle.common.validation.ControlCharacters.present(department)) {
            throw DomainException.invalid("department", cn.resettle.common.validation.ControlCharacters.MESSAGE);
        }
        YearMonth m;
        try {
            m = month == null ? YearMonth.now() : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("month", "must be a month like 2026-11");
        }
        if (m.isAfter(YearMonth.now())) {
            throw DomainException.invalid("month", "cannot be in the future");
        }
        // "stable months" count visits since the screened month: an old month would count years of them
        if (m.isBefore(YearMonth.now().minusMonths(MAX_MONTHS_BACK))) {
            throw DomainException.invalid("month", "筛查月份最多可追溯 " + MAX_MONTHS_BACK + " 个月 / may be at most "
                    + MAX_MONTHS_BACK + " months ago");
        }
        return screenings.upload(file.uploadedFile(), file.fileName(), department.trim(), m);
    }
}
