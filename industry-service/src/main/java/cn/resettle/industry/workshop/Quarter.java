package cn.resettle.industry.workshop;

import java.time.LocalDate;

/** A calendar quarter written {@code 2026Q3}: what a workshop check belongs to. */
public record Quarter(int year, int q) implements Comparable<Quarter> {
    public static final String PATTERN = "20[0-9]{2}Q[1-4]";

    public static Quarter parse(String s) {
        return new Quarter(Integer.parseInt(s.substring(0, 4)), s.charAt(5) - '0');
    }

    public static Quarter of(LocalDate d) {
        return new Quarter(d.getYear(), (d.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate start() {
        return LocalDate.of(year, (q - 1) * 3 + 1, 1);
    }

    public LocalDate end() {
        return start().plusMonths(3).minusDays(1);
    }

    public Quarter previous() {
        return q == 1 ? new Quarter(year - 1, 4) : new Quarter(year, q - 1);
    }

    /**
     * The latest quarter whose check is due by {@code asOf}: a quarter's check may be made until {@code graceDays}
     * after it ends, so on 2026-10-10 with 15 days' grace the due quarter is 2026Q2; from 2026-10-16 it is 2026Q3.
     */
    public static Quarter due(LocalDate asOf, int graceDays) {
        return of(asOf.minusDays(graceDays)).previous();
    }

    @Override
    public int compareTo(Quarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(q, o.q);
    }

    @Override
    public String toString() {
        return year + "Q" + q;
    }
}
