package cn.resettle.common.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes every service's OpenAPI document usable by client generators without hand work in each resource:
 * <ul>
 *   <li>{@code servers}: the gateway, relative ({@code /}), since every path already starts with
 *       {@code /api/<domain>} and the document is served through the gateway at {@code /openapi/<domain>};</li>
 *   <li>an {@code operationId} for every operation that does not set one with {@code @Operation}: the HTTP method
 *       followed by the path after {@code /api/<domain>}, each segment in CamelCase, a parameter as
 *       {@code By<Name>}: {@code GET /api/community/households/{id}} is {@code getHouseholdsById},
 *       {@code POST /api/community/tasks/{id}/accept} is {@code postTasksByIdAccept}. Method and path are unique, so
 *       the ids are; they change only when the route does.</li>
 *   <li>every tag an operation uses is listed in the document's {@code tags} with a description: the one written
 *       with {@code @Tag(description = ...)} if any, else the one in {@link #TAG_DESCRIPTIONS}, else one made
 *       from the tag's English part, so a resource added tomorrow does not break the rule;</li>
 *   <li>paths shared by every service ({@code /api/{domain}/ops/...}, answered only for the service's own domain)
 *       are listed under the service's own prefix, without the {@code domain} parameter.</li>
 * </ul>
 * Registered by {@code mp.openapi.filter} in each service; {@code OpenApiDocumentTest} holds every document to it.
 */
public class OpenApiConventions implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("/")
                    .description("the gateway: every service under /api/<domain>, one token for all"));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        String domain = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.name", String.class).orElse("").replaceFirst("-service$", "");
        if (!domain.isEmpty()) {
            for (String path : new ArrayList<>(openAPI.getPaths().getPathItems().keySet())) {
                if (path.startsWith("/api/{domain}/")) {
                    PathItem item = openAPI.getPaths().getPathItem(path);
                    openAPI.getPaths().removePathItem(path);
                    if (item.getParameters() != null) {
                        item.setParameters(withoutDomain(item.getParameters()));
                    }
                    for (Operation op : item.getOperations().values()) {
                        if (op.getParameters() != null) {
                            op.setParameters(withoutDomain(op.getParameters()));
                        }
                    }
                    openAPI.getPaths().addPathItem("/api/" + domain + path.substring("/api/{domain}".length()), item);
                }
            }
        }
        // Every /api/ operation takes a bearer token (quarkus.http.auth + deny-unannotated-endpoints); the scanner does
        // not see role annotations a shared base resource declares with a configuration expression, so say it here.
        String scheme = openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null
                || openAPI.getComponents().getSecuritySchemes().size() != 1 ? null
                : openAPI.getComponents().getSecuritySchemes().keySet().iterator().next();
        for (Map.Entry<String, PathItem> e : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation op : e.getValue().getOperations().values()) {
                if (scheme != null && e.getKey().startsWith("/api/") && (op.getSecurity() == null || op.getSecurity().isEmpty())) {
                    op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(scheme));
                }
            }
        }
        describeTags(openAPI);
        for (Map.Entry<String, PathItem> e : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : e.getValue().getOperations().entrySet()) {
                if (op.getValue().getOperationId() == null || op.getValue().getOperationId().isBlank()) {
                    op.getValue().setOperationId(operationId(op.getKey().name(), e.getKey()));
                }
            }
        }
    }

    /** What each tag of the suite groups, for readers of generated clients and of Swagger UI. */
    static final Map<String, String> TAG_DESCRIPTIONS = Map.ofEntries(
            Map.entry("运维 Operations: event delivery", "Dead letters (list, replay) and outbox rows the broker could not take; for operators."),
            Map.entry("帮扶任务 Assistance tasks", "The department's task inbox: tasks opened from monitoring's risks, assigned, accepted, completed or declined."),
            Map.entry("审计 Audit trail", "Who read or changed personal data, and when."),
            Map.entry("安全隐患 Safety hazards", "Hazards and disasters recorded at resettlement sites; affected households are flagged in monitoring."),
            Map.entry("住房扩建申请 Housing extensions", "Applications to extend a resettlement home, and their review."),
            Map.entry("搬迁户 Households", "The registry of relocated households and their members."),
            Map.entry("字典 Dictionary", "Codes and their Chinese labels for every enumeration of the service."),
            Map.entry("批量导入 Import", "Bulk import of the registry from CSV or Excel files."),
            Map.entry("安置点 Sites", "Resettlement sites (安置点)."),
            Map.entry("就业动态监测 Employment status", "Employment of the working-age members of relocated households; job losses and placements."),
            Map.entry("登记信息副本 Registry copy", "This service's read-only copy of the registry, fed by community events."),
            Map.entry("监测对象识别 Identification of monitoring subjects", "Cases: identifying monitoring subjects (监测对象) and closing them."),
            Map.entry("部门数据筛查 Department screening", "Matching department files (medical, disability, unemployment, disasters) against the registry."),
            Map.entry("风险与帮扶计划 Risks and assistance plans", "Return-to-poverty risks and the assistance plans and measures that answer them."),
            Map.entry("每月回访 Monthly visits", "Monthly follow-up visits to relocated households."),
            Map.entry("台账 Ledgers", "Ledgers (台账) as lists and Excel exports."),
            Map.entry("监测规则 Risk rules", "The thresholds that flag risks, per region."),
            Map.entry("自主申报 Self-declarations", "Households declaring hardship themselves, and the review of their declarations."));

    private static void describeTags(OpenAPI openAPI) {
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getTags() != null) {
                    used.addAll(op.getTags());
                }
            }
        }
        Map<String, org.eclipse.microprofile.openapi.models.tags.Tag> listed = new java.util.LinkedHashMap<>();
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(t -> listed.put(t.getName(), t));
        }
        for (String name : used) {
            listed.computeIfAbsent(name, n -> OASFactory.createTag().name(n));
        }
        for (org.eclipse.microprofile.openapi.models.tags.Tag t : listed.values()) {
            if (t.getDescription() == null || t.getDescription().isBlank()) {
                t.setDescription(TAG_DESCRIPTIONS.getOrDefault(t.getName(), "Operations on " + englishPart(t.getName()) + "."));
            }
        }
        openAPI.setTags(new ArrayList<>(listed.values()));
    }

    private static String englishPart(String tag) {
        String ascii = tag.replaceAll("[^\\x20-\\x7E]", "").trim();
        return ascii.isEmpty() ? tag : ascii.toLowerCase(Locale.ROOT);
    }

    private static List<org.eclipse.microprofile.openapi.models.parameters.Parameter> withoutDomain(
            List<org.eclipse.microprofile.openapi.models.parameters.Parameter> params) {
        return params.stream().filter(p -> !"domain".equals(p.getName())).toList();
    }

    static String operationId(String method, String path) {
        List<String> segments = new ArrayList<>(List.of(path.replaceAll("^/+", "").split("/")));
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            segments = segments.subList(2, segments.size());
        }
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String s : segments) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("{") && s.endsWith("}")) {
                id.append("By").append(camel(s.substring(1, s.length() - 1)));
            } else {
                id.append(camel(s));
            }
        }
        return id.toString();
    }

    private static String camel(String s) {
        StringBuilder b = new StringBuilder();
        boolean upper = true;
        for (char c : s.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
                continue;
            }
            b.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return b.toString();
    }
}
