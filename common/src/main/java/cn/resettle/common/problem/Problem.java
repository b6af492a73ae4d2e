package cn.resettle.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * RFC 9457 problem details. {@code type} is a stable URI per kind of error (English, for programs);
 * {@code title} and {@code detail} are for people. {@code violations} names the offending fields of bad input.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://resettle.cn/problems/";

    public record Violation(String field, String message) {
    }
}
