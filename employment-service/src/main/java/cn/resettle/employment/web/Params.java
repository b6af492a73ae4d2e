package cn.resettle.employment.web;

import cn.resettle.common.problem.DomainException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Query parameters that take a code: JAX-RS answers a value it cannot convert to an enum with 404 (as if the
 * resource did not exist); these are read as text and an unknown code is a 400 naming the parameter and the codes.
 */
public final class Params {
    private Params() {
    }

    public static <E extends Enum<E>> E code(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "unknown code; one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** A date query parameter (ISO yyyy-MM-dd); anything else is a 400 naming the parameter. */
    public static java.time.LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalid(field, "must be a date yyyy-MM-dd");
        }
    }
}
