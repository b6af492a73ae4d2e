package cn.resettle.common.testing;

import cn.resettle.common.validation.CitizenIds;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid, unique citizen ID numbers and codes for tests (unique per JVM run and very likely across runs). */
public final class TestIds {
    private static final AtomicInteger SEQ = new AtomicInteger(ThreadLocalRandom.current().nextInt(100, 900));
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();

    private TestIds() {
    }

    /** A valid ID number in county 360732 born on the given date; sequence varies so each call is new. */
    public static String citizenId(int year, int month, int day, boolean male) {
        int seq = SEQ.incrementAndGet() % 500 * 2 + (male ? 1 : 0);
        String first17 = String.format("360732%04d%02d%02d%03d", year, month, day, seq);
        // vary the birth day when the sequence wraps so numbers stay unique across many calls
        int wraps = SEQ.get() / 500;
        if (wraps > 0) {
            first17 = String.format("3607%02d%04d%02d%02d%03d", 30 + wraps % 60, year, month, 1 + (day + wraps) % 28, seq);
        }
        return first17 + CitizenIds.checkChar(first17);
    }

    public static String withWrongCheckDigit(String valid) {
        char c = valid.charAt(17);
        char wrong = c == '0' ? '1' : '0';
        return valid.substring(0, 17) + wrong;
    }

    /** A code unique to this test run, e.g. for 户编号 or a site code. */
    public static String code(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }
}
