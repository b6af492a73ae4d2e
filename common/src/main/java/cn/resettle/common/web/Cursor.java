package cn.resettle.common.web;

import cn.resettle.common.problem.DomainException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The opaque {@code cursor} of keyset paging: the sort-key values of the last row of a page, each tagged with its
 * type, base64url-encoded. It holds no personal data beyond what the page showed and grants nothing: the next page
 * is read with the caller's own scope and filters, the cursor only says where to start.
 */
public final class Cursor {
    private static final char SEP = '\u001f';

    private Cursor() {
    }

    public static String encode(List<Object> values) {
        StringBuilder b = new StringBuilder("1");
        for (Object v : values) {
            b.append(SEP).append(tag(v));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key values of a cursor made by {@link #encode}; anything else is a 400 naming {@code cursor}. */
    public static List<Object> decode(String cursor, int keys) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = s.split(String.valueOf(SEP), -1);
            if (!"1".equals(parts[0]) || parts.length != keys + 1) {
                throw invalid();
            }
            List<Object> values = new ArrayList<>(keys);
            for (int i = 1; i < parts.length; i++) {
                values.add(untag(parts[i]));
            }
            return values;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static DomainException invalid() {
        return DomainException.invalid("cursor", "not a nextCursor of this list (it may be from another list or order)");
    }

    private static String tag(Object v) {
        if (v == null) {
            return "n:";
        }
        if (v instanceof UUID u) {
            return "u:" + u;
        }
        if (v instanceof LocalDate d) {
            return "d:" + d;
        }
        if (v instanceof java.sql.Date d) {
            return "d:" + d.toLocalDate();
        }
        if (v instanceof OffsetDateTime || v instanceof Instant || v instanceof Timestamp) {
            return "t:" + SqlValues.time(v).toInstant();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return "l:" + v;
        }
        if (v instanceof BigDecimal d) {
            return "m:" + d.toPlainString();
        }
        if (v instanceof Boolean b) {
            return "b:" + b;
        }
        if (v instanceof Enum<?> e) {
            return "s:" + e.name();
        }
        return "s:" + v;
    }

    private static Object untag(String s) {
        if (s.length() < 2 || s.charAt(1) != ':') {
            throw invalid();
        }
        String v = s.substring(2);
        return switch (s.charAt(0)) {
            case 'n' -> null;
            case 'u' -> UUID.fromString(v);
            case 'd' -> LocalDate.parse(v);
            case 't' -> Instant.parse(v).atOffset(ZoneOffset.UTC);
            case 'l' -> Long.parseLong(v);
            case 'm' -> new BigDecimal(v);
            case 'b' -> Boolean.parseBoolean(v);
            case 's' -> v;
            default -> throw invalid();
        };
    }
}
