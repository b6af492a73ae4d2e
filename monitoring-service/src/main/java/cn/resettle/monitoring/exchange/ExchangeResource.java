package cn.resettle.monitoring.exchange;

import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Data exchange with other government systems (数据共享交换): monitoring subjects searched by ID number or region,
 * and the month's subjects as a file a provincial platform imports.
 */
@Path("/api/monitoring/exchange")
@Tag(name = "数据交换 Exchange")
public class ExchangeResource {

    @Inject
    SubjectExchange subjects;

    @POST
    @Path("subjects/search")
    @RolesAllowed({Roles.SYSTEM, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER})
    @Operation(operationId = "searchExchangeSubjects", summary = "Monitoring subjects (监测对象) by ID number (exact, checked) or "
            + "by region (county or township code), in your data scope, paged, audited; ID numbers masked (monitoring holds "
            + "no clear numbers). The criteria go in the body so ID numbers never appear in a URL or an access log")
    public PageResult<SubjectExchange.Subject> search(@Valid @NotNull SubjectExchange.Search search, @Valid @BeanParam PageRequest page) {
        return subjects.search(search, page);
    }
}
