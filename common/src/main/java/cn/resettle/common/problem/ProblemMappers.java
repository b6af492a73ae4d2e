package cn.resettle.common.problem;

import cn.resettle.common.web.RequestIds;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error leaves the service as {@code application/problem+json}; no stack trace or class name ever does.
 * Unexpected failures are logged with the request id, which the answer carries so support can find the log line.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static Response problem(int status, String code, String title, String detail, UriInfo uri, List<Problem.Violation> v) {
        Problem p = new Problem(Problem.TYPE_BASE + code, title, status, detail,
                uri == null ? null : uri.getPath(), RequestIds.current(), v);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return problem(e.status(), e.code(), e.title(), e.getMessage(), uri, e.violations());
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "unauthenticated", "未登录或令牌无效 Unauthenticated",
                "a valid bearer token from the identity provider is required", uri, List.of()))
                .header("WWW-Authenticate", "Bearer realm=\"resettle\"").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(null, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "无权限 Forbidden", "your role does not allow this", uri, List.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return problem(400, "invalid-input", "输入有误 Invalid input", detail, uri, violations);
    }

    /**
     * Drops the method and parameter nodes of a resource-method violation: {@code register.req.members[0].idNumber}
     * becomes {@code members[0].idNumber}; a violation on a plain parameter keeps the parameter's name ({@code size}).
     */
    static String fieldPath(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node n : v.getPropertyPath()) {
            switch (n.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                }
                case PARAMETER -> parameter = n.getName();
                default -> {
                    String name = n.getName();
                    if (n.getIndex() != null && n.isInIterable() && !parts.isEmpty()) {
                        int last = parts.size() - 1;
                        parts.set(last, parts.get(last) + "[" + n.getIndex() + "]");
                    } else if (n.getKey() != null && n.isInIterable() && !parts.isEmpty()) {
                        int last = parts.size() - 1;
                        parts.set(last, parts.get(last) + "[" + n.getKey() + "]");
                    }
                    if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                        parts.add(name);
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return String.join(".", parts);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return problem(400, "invalid-input", "输入有误 Invalid input", "unknown field " + field, uri,
                List.of(new Problem.Violation(field, "unknown field")));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        String message;
        if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.toString(e.getTargetType().getEnumConstants());
        } else {
            message = "cannot read '" + e.getValue() + "' as " + (e.getTargetType() == null ? "value" : e.getTargetType().getSimpleName());
        }
        return problem(400, "invalid-input", "输入有误 Invalid input", field + ": " + message, uri,
                List.of(new Problem.Violation(field, message)));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        String message = "wrong type" + (e.getTargetType() == null ? "" : ", expected " + e.getTargetType().getSimpleName());
        return problem(400, "invalid-input", "输入有误 Invalid input", field + ": " + message, uri,
                List.of(new Problem.Violation(field, message)));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        return problem(400, "invalid-input", "输入有误 Invalid input", field + ": " + e.getOriginalMessage(), uri,
                List.of(new Problem.Violation(field, "invalid value")));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return problem(400, "malformed-json", "请求格式错误 Malformed JSON",
                "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")", uri, List.of());
    }

    @ServerExceptionMapper
    public Response stale(OptimisticLockException e, UriInfo uri) {
        return staleProblem(uri);
    }

    @ServerExceptionMapper
    public Response staleHibernate(StaleObjectStateException e, UriInfo uri) {
        return staleProblem(uri);
    }

    private static Response staleProblem(UriInfo uri) {
        return problem(409, "stale-version", "数据已被他人修改 Stale version",
                "the record was changed by someone else since you read it; reload and apply your change again", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", RequestIds.current());
            return problem(status, "server-error", "服务器错误 Server error", "the request could not be completed", uri, List.of());
        }
        String code = switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        Throwable cause = e.getCause();
        if (cause instanceof JsonParseException jpe) {
            return malformed(jpe, uri);
        }
        if (cause instanceof InvalidFormatException ife) {
            return invalidFormat(ife, uri);
        }
        if (cause instanceof JsonMappingException jme) {
            return mapping(jme, uri);
        }
        String detail = status == 404 ? "no such resource" : e.getMessage();
        return problem(status, code, title, detail, uri, List.of());
    }

    @ServerExceptionMapper(priority = 10000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable c = e;
        while (c != null) {
            if (c instanceof OptimisticLockException || c instanceof StaleObjectStateException) {
                return staleProblem(uri);
            }
            if (c instanceof ConstraintViolationException cve) {
                return validation(cve, uri);
            }
            if (c instanceof DomainException de) {
                return domain(de, uri);
            }
            c = c.getCause() == c ? null : c.getCause();
        }
        LOG.errorf(e, "request %s failed unexpectedly", RequestIds.current());
        return problem(500, "server-error", "服务器错误 Server error",
                "the request could not be completed; quote request id " + RequestIds.current() + " to support", uri, List.of());
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
