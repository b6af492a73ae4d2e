package cn.resettle.common.problem;

import java.util.List;

/**
 * A request that is understood but refused by a domain rule or the state of the data. Carries its HTTP status
 * and a stable problem code; mapped to problem+json by {@link ProblemMappers}.
 */
public class DomainException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.Violation> violations;

    public DomainException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public DomainException(int status, String code, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.violations = violations;
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(404, "not-found", "未找到 Not found", what + " " + id + " does not exist or is outside your data scope");
    }

    public static DomainException conflict(String code, String detail) {
        return new DomainException(409, code, "冲突 Conflict", detail);
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(400, "invalid-input", "输入有误 Invalid input", field + ": " + message,
                List.of(new Problem.Violation(field, message)));
    }

    public static DomainException unprocessable(String code, String detail) {
        return new DomainException(422, code, "无法处理 Rule violated", detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "forbidden", "无权限 Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
