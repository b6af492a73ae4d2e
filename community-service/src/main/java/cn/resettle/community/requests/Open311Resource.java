package cn.resettle.community.requests;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.web.PageRequest;
import cn.resettle.community.requests.RequestDtos.FileRequest;
import cn.resettle.community.requests.RequestDtos.RequestFilter;
import cn.resettle.community.requests.RequestDtos.RequestView;
import cn.resettle.community.requests.RequestEnums.Category;
import cn.resettle.community.requests.RequestEnums.Channel;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The same requests through an Open311 GeoReport v2 shaped API, for other government systems and front ends that
 * already speak it: {@code GET services.json}, {@code POST requests.json} (form fields as the spec names them; the
 * household is {@code attribute[household_no]}, or the resident's own), {@code GET requests.json} and
 * {@code GET requests/{id}.json}. Differences from the spec: the bearer token replaces {@code api_key}; errors are
 * problem+json like the rest of the suite; {@code GET requests.json} pages with {@code page}/{@code size}.
 */
@Path("/api/community/open311/v2")
@Tag(name = "Open311 GeoReport v2")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SYSTEM, Roles.RESIDENT, Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.EMPLOYMENT_OFFICER,
        Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
public class Open311Resource {

    @Inject
    ServiceRequestService requests;
    @Inject
    RequestConfig config;
    @Inject
    PersonalDataAudit audit;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Service(@JsonProperty("service_code") String serviceCode, @JsonProperty("service_name") String serviceName,
                          String description, boolean metadata, String type, String keywords, String group) {
    }

    public record Created(@JsonProperty("service_request_id") String serviceRequestId,
                          @JsonProperty("service_notice") String serviceNotice, @JsonProperty("account_id") String accountId) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServiceRequest(@JsonProperty("service_request_id") String serviceRequestId, String status,
                                 @JsonProperty("status_notes") String statusNotes,
                                 @JsonProperty("service_name") String serviceName,
                                 @JsonProperty("service_code") String serviceCode, String description,
                                 @JsonProperty("agency_responsible") String agencyResponsible,
                                 @JsonProperty("service_notice") String serviceNotice,
                                 @JsonProperty("requested_datetime") OffsetDateTime requestedDatetime,
                                 @JsonProperty("updated_datetime") OffsetDateTime updatedDatetime,
                                 @JsonProperty("expected_datetime") OffsetDateTime expectedDatetime, String address,
                                 BigDecimal lat, @JsonProperty("long") BigDecimal lon) {
    }

    @GET
    @Path("services.json")
    @Operation(operationId = "getOpen311Services", summary = "Open311: the request categories (service_code = category) with their department")
    public List<Service> services() {
        return Arrays.stream(Category.values()).map(c -> new Service(c.name(), c.label(), "责任部门: " + config.departmentOf(c),
                false, "realtime", c == Category.DISPUTE ? "矛盾纠纷,调解" : c.label(), c == Category.DISPUTE ? "调解" : "一站式服务")).toList();
    }

    @POST
    @Path("requests.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "postOpen311Requests", summary = "Open311: file a request (service_code, description, attribute[household_no]; lat, long, address_string optional)")
    public Response create(@FormParam("service_code") @NotBlank String serviceCode,
                           @FormParam("description") @NotBlank @Size(max = 2000) String description,
                           @FormParam("attribute[household_no]") @Size(max = 64) String householdNo,
                           @FormParam("address_string") @Size(max = 200) String address,
                           @FormParam("lat") @DecimalMin("-90") @DecimalMax("90") BigDecimal lat,
                           @FormParam("long") @DecimalMin("-180") @DecimalMax("180") BigDecimal lon,
                           @FormParam("account_id") @Size(max = 64) String accountId) {
        Category category = category(serviceCode);
        String title = category.label() + ": " + (description.length() > 40 ? description.substring(0, 40) + "…" : description);
        RequestView r = requests.file(new FileRequest(null, category, title, description, null), Channel.OPEN311, householdNo,
                address, lat, lon);
        return Response.status(201).entity(List.of(new Created(r.id().toString(), notice(r), accountId))).build();
    }

    @GET
    @Path("requests.json")
    @Operation(operationId = "getOpen311Requests", summary = "Open311: requests in your scope by service_request_id (comma-separated), service_code, start_date, end_date, status (open|closed)")
    public List<ServiceRequest> list(@QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
                                     @QueryParam("start_date") OffsetDateTime start, @QueryParam("end_date") OffsetDateTime end,
                                     @QueryParam("status") String status, @Valid @BeanParam PageRequest page) {
        List<RequestView> found = new ArrayList<>();
        if (ids != null && !ids.isBlank()) {
            String[] parts = ids.split(",");
            if (parts.length > 200) {
                throw DomainException.invalid("service_request_id", "at most 200 ids");
            }
            for (String p : parts) {
                UUID id;
                try {
                    id = UUID.fromString(p.trim());
                } catch (IllegalArgumentException e) {
                    throw DomainException.invalid("service_request_id", "not a request id");
                }
                try {
                    found.add(requests.get(id));
                } catch (DomainException notFound) {
                    // Open311: unknown ids are left out of the answer
                }
            }
        } else {
            Boolean open = status == null ? null : switch (status) {
                case "open" -> Boolean.TRUE;
                case "closed" -> Boolean.FALSE;
                default -> throw DomainException.invalid("status", "open or closed");
            };
            found = requests.list(new RequestFilter(null, serviceCode == null ? null : category(serviceCode), null, null, null,
                    null, open, null, start == null ? null : start.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(),
                    end == null ? null : end.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()), page).items();
        }
        audit.list("service-request", found.stream().map(RequestView::householdId).distinct().toList(), false, "open311");
        return found.stream().map(Open311Resource::toOpen311).toList();
    }

    @GET
    @Path("requests/{id}.json")
    @Operation(operationId = "getOpen311RequestsById", summary = "Open311: one request (an array of one, as the spec answers)")
    public List<ServiceRequest> get(@PathParam("id") UUID id) {
        RequestView r = requests.get(id);
        audit.read("service-request", r.householdId(), false);
        return List.of(toOpen311(r));
    }

    static ServiceRequest toOpen311(RequestView r) {
        String notes = r.status().label() + " · " + r.level().label() + (r.overdue() ? " · 已逾期" : "")
                + (r.answer() == null ? "" : " · 答复: " + r.answer());
        return new ServiceRequest(r.id().toString(), r.status().open() ? "open" : "closed", notes, r.category().label(),
                r.category().name(), r.description(), r.department(), notice(r), r.createdAt(), r.updatedAt(), r.dueAt(),
                r.address(), r.lat(), r.lon());
    }

    private static String notice(RequestView r) {
        return "诉求编号 " + r.requestNo() + "，已分派至" + r.department();
    }

    private static Category category(String code) {
        try {
            return Category.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("service_code", "unknown service_code (GET services.json lists them)");
        }
    }
}
