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

    /** A 400 naming one field, for checks made outside bean validation (e.g. request filters). */
    public static Response invalidInput(String field, String message, UriInfo uri) {
        return problem(400, "invalid-input", "输入有误 Invalid input", field + ": " + message, uri,
                List.of(new Problem.Violation(field, message)));
    }

    /**
     * What a unique constraint means to a user, per constraint name: the stable code (the same one the
     * check-before-insert path answers with), the field and a message. The duplicated value is never repeated,
     * neither in the answer nor in the log: it is often an ID number.
     */
    record Duplicate(String code, String field, String message) {
    }

    static final java.util.Map<String, Duplicate> DUPLICATES = java.util.Map.ofEntries(
            java.util.Map.entry("person_id_number_key",
                    new Duplicate("duplicate-id-number", "idNumber", "该身份证号已登记 / this ID number is already registered")),
            java.util.Map.entry("registry_person_id_number",
                    new Duplicate("duplicate-id-number", "idNumber", "该身份证号已登记 / this ID number is already registered")),
            java.util.Map.entry("household_household_no_key",
                    new Duplicate("duplicate-household-no", "householdNo", "该户编号已登记 / this household number is already registered")),
            java.util.Map.entry("site_code_key",
                    new Duplicate("duplicate-site-code", "code", "该安置点编码已存在 / a site with this code already exists")),
            java.util.Map.entry("visit_once_a_month",
                    new Duplicate("already-visited", "visitMonth", "该户本月已回访 / this household already has a visit for this month")),
            java.util.Map.entry("risk_one_open_per_category",
                    new Duplicate("risk-open", "category", "该户已有同类未消除的风险 / this household already has an open risk of this category")),
            java.util.Map.entry("monitoring_case_one_open",
                    new Duplicate("case-open", "householdId", "该户已有在办的认定 / this household already has a case in progress")),
            java.util.Map.entry("risk_rule_set_region_year",
                    new Duplicate("duplicate-rule-set", "year", "该地区该年度的规则已存在 / rules for this region and year already exist")),
            java.util.Map.entry("assistance_task_once_per_risk",
                    new Duplicate("duplicate-task", "riskId", "该风险已有同类任务 / this risk already has such a task")),
            java.util.Map.entry("plan_measure_task_id_key",
                    new Duplicate("duplicate-task", "taskId", "该任务已在帮扶计划中 / the task is already in the assistance plan")));

    static final java.util.regex.Pattern CONSTRAINT_IN_MESSAGE = java.util.regex.Pattern.compile("unique constraint \"([^\"]+)\"");

    static Response duplicate(String constraint, UriInfo uri) {
        Duplicate d = constraint == null ? null : DUPLICATES.get(constraint);
        if (d == null) {
            d = new Duplicate("duplicate", "body", "该记录已存在 / this record already exists");
        }
        LOG.infof("request %s refused: unique constraint %s (someone else saved the same record first)", RequestIds.current(),
                constraint == null ? "?" : constraint);
        return problem(409, d.code(), "冲突 Conflict", d.field() + ": " + d.message(), uri,
                List.of(new Problem.Violation(d.field(), d.message())));
    }

    /** The name of the unique constraint a (possibly wrapped) SQL failure violated, or null when it is something else. */
    static String uniqueViolation(Throwable c) {
        if (c instanceof org.hibernate.exception.ConstraintViolationException h
                && (h.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE
                || "23505".equals(h.getSQLState()))) {
            return h.getConstraintName() != null ? h.getConstraintName() : constraintIn(h.getSQLException());
        }
        if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
            return constraintIn(sql);
        }
        return null;
    }

    private static String constraintIn(java.sql.SQLException e) {
        if (e == null || e.getMessage() == null) {
            return "";
        }
        var m = CONSTRAINT_IN_MESSAGE.matcher(e.getMessage());
        return m.find() ? m.group(1) : "";
    }

    /** 22021 / 22P05: PostgreSQL cannot store the text (NUL). The text guard stops this earlier; this is the net. */
    static boolean unstorableText(Throwable c) {
        String state = c instanceof java.sql.SQLException sql ? sql.getSQLState()
                : c instanceof org.hibernate.JDBCException j ? j.getSQLState() : null;
        return "22021".equals(state) || "22P05".equals(state);
    }

    @ServerExceptionMapper
    public Response controlCharacter(ControlCharacterException e, UriInfo uri) {
        return invalidInput(jsonPath(e), cn.resettle.common.validation.ControlCharacters.MESSAGE, uri);
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
        if (cause instanceof ControlCharacterException cce) {
            return controlCharacter(cce, uri);
        }
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
            if (c instanceof ControlCharacterException cce) {
                return controlCharacter(cce, uri);
            }
            String unique = uniqueViolation(c);
            if (unique != null) {
                return duplicate(unique, uri);
            }
            if (unstorableText(c)) {
                return problem(400, "invalid-input", "输入有误 Invalid input", "text: " + cn.resettle.common.validation.ControlCharacters.MESSAGE,
                        uri, List.of(new Problem.Violation("text", cn.resettle.common.validation.ControlCharacters.MESSAGE)));
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
