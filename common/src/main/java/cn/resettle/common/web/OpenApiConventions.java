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
        for (Map.Entry<String, PathItem> e : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : e.getValue().getOperations().entrySet()) {
                if (op.getValue().getOperationId() == null || op.getValue().getOperationId().isBlank()) {
                    op.getValue().setOperationId(operationId(op.getKey().name(), e.getKey()));
                }
            }
        }
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
