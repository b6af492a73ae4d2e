package cn.resettle.common.web;

import cn.resettle.common.security.DataScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;

import cn.resettle.common.problem.DomainException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one way a list endpoint filters and pages: start from the caller's {@link DataScope} condition, add a
 * condition per filter that was given ({@link #and(String, String, Object)} skips a null), then read one page.
 * <ul>
 *   <li>{@link #page(EntityManager, Class, String, String, PageRequest)}: entities by JPQL
 *       ({@code from Risk r ...});</li>
 *   <li>{@link #nativePage(EntityManager, String, String, String, PageRequest, Function)}: SQL rows read by column
 *       name ({@link Tuple}), mapped to the view by a row mapper, never by {@code Object[]} index.</li>
 * </ul>
 * A page costs one statement for the rows and at most one for the total: when the page is not full (the usual
 * case for a site's list, and every last page) the total is known without counting. Callers load what a row needs
 * from other tables for the whole page at once (one {@code ... in :ids} query), never row by row.
 * <p>
 * Province scale (issue 8): the native pages page by keyset when the request carries a {@code cursor} (the order's
 * columns compared with the last row's values, so page 5 000 costs what page 1 does) and hand out {@code nextCursor}
 * on every full page. The order must end in a unique column ({@code id}) and its columns must not be null. The total
 * is exact when the planner expects at most {@code resettle.lists.exact-total-limit} rows (default 20 000; a count
 * that small is cheap); above it the response carries the planner's estimate with {@code totalEstimated: true}.
 */
public final class ListQuery {

    /** Above this many expected rows the total is the planner's estimate (said so in the response). */
    static long exactTotalLimit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("resettle.lists.exact-total-limit", Long.class).orElse(20_000L);

    private final StringBuilder where;
    private final Map<String, Object> params;

    private ListQuery(String condition, Map<String, Object> params) {
        this.where = new StringBuilder(condition);
        this.params = new HashMap<>(params);
    }

    /** Rows inside the caller's scope. */
    public static ListQuery scoped(DataScope.Filter scope) {
        return new ListQuery(scope.jpql(), scope.params());
    }

    /** Rows matching a fixed condition (no data scope: platform lists such as dead letters). */
    public static ListQuery where(String condition) {
        return new ListQuery(condition, Map.of());
    }

    /** Adds a condition without parameters (or whose parameters are set with {@link #param}). */
    public ListQuery and(String condition) {
        where.append(" and ").append(condition);
        return this;
    }

    /** Adds {@code condition} with {@code :name} bound to {@code value}, only when a value was given. */
    public ListQuery and(String condition, String name, Object value) {
        if (value != null) {
            and(condition);
            params.put(name, value);
        }
        return this;
    }

    /** Adds the condition only when {@code when} holds. */
    public ListQuery andIf(boolean when, String condition) {
        return when ? and(condition) : this;
    }

    public ListQuery param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public String where() {
        return where.toString();
    }

    public Map<String, Object> params() {
        return Map.copyOf(params);
    }

    /**
     * One page of entities: {@code from} names the entity and its alias ({@code "Risk r"}), {@code orderBy} the
     * JPQL order ({@code "r.flaggedAt desc, r.id"}).
     */
    public <E> PageResult<E> page(EntityManager em, Class<E> type, String from, String orderBy, PageRequest page) {
        String alias = from.trim().substring(from.trim().lastIndexOf(' ') + 1);
        TypedQuery<E> rows = em.createQuery("select " + alias + " from " + from + " where " + where + " order by " + orderBy, type);
        params.forEach(rows::setParameter);
        List<E> items = rows.setFirstResult(firstResult(page)).setMaxResults(page.size()).getResultList();
        return PageResult.of(items, page, total(items.size(), page, () -> {
            TypedQuery<Long> count = em.createQuery("select count(" + alias + ") from " + from + " where " + where, Long.class);
            params.forEach(count::setParameter);
            return count.getSingleResult();
        }));
    }

    /**
     * One page of SQL rows: {@code select} the columns (with the names the mapper reads), {@code from} the tables
     * ({@code "monitoring_case c"}), {@code orderBy} the SQL order ({@code "c.due_by, c.opened_at, c.id"}, each column
     * optionally {@code desc}; not null, ending in a unique column). The mapper reads a {@link Tuple} by column name.
     */
    public <T> PageResult<T> nativePage(EntityManager em, String select, String from, String orderBy, PageRequest page,
                                        Function<Tuple, T> mapper) {
        List<Key> keys = Key.parse(orderBy);
        if (!Key.keysetCapable(keys, select)) {
            // an order by an output alias (a computed score) or with "nulls first/last": paged by number only
            if (page.cursor() != null) {
                throw DomainException.invalid("cursor", "this list pages by page number, not by cursor");
            }
            Query rows = em.createNativeQuery("select " + select + " from " + from + " where " + where
                    + " order by " + orderBy + " limit :pageLimit offset :pageOffset", Tuple.class);
            bind(rows, keys, page);
            @SuppressWarnings("unchecked")
            List<Tuple> result = rows.getResultList();
            return result(em, from, page, result.stream().map(mapper).toList(), null);
        }
        StringBuilder keyColumns = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            keyColumns.append(", ").append(keys.get(i).expr()).append(" as lq_key").append(i);
        }
        Query rows = em.createNativeQuery("select " + select + keyColumns + " from " + from + " where " + where
                + keyset(keys, page) + " order by " + orderBy + " limit :pageLimit offset :pageOffset", Tuple.class);
        bind(rows, keys, page);
        List<Tuple> result = cursorResult(rows, page);
        List<T> items = result.stream().map(mapper).toList();
        String next = null;
        if (result.size() == page.size()) {
            Tuple last = result.get(result.size() - 1);
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                values.add(last.get("lq_key" + i));
            }
            // a null in the order's columns cannot be compared in a keyset: that page offers page numbers only
            next = values.contains(null) ? null : Cursor.encode(values);
        }
        return result(em, from, page, items, next);
    }

    /**
     * One page of entities read by SQL ({@code select e.* from <table alias>}): the where clause and {@code orderBy}
     * speak SQL column names, and {@code keyOf} gives a row's values of the order's columns (for {@code nextCursor}).
     */
    public <E> PageResult<E> entityPage(EntityManager em, Class<E> type, String from, String orderBy, PageRequest page,
                                        Function<E, List<Object>> keyOf) {
        List<Key> keys = Key.parse(orderBy);
        String alias = from.trim().substring(from.trim().lastIndexOf(' ') + 1);
        Query rows = em.createNativeQuery("select " + alias + ".* from " + from + " where " + where + keyset(keys, page)
                + " order by " + orderBy + " limit :pageLimit offset :pageOffset", type);
        // a list shows its rows, it does not change them: no snapshots kept, nothing dirty-checked at commit
        rows.setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true);
        bind(rows, keys, page);
        @SuppressWarnings("unchecked")
        List<E> items = (List<E>) cursorResult(rows, page);
        List<Object> lastKey = items.size() == page.size() ? keyOf.apply(items.get(items.size() - 1)) : null;
        String next = lastKey == null || lastKey.stream().anyMatch(java.util.Objects::isNull) ? null : Cursor.encode(lastKey);
        return result(em, from, page, items, next);
    }

    private <T> PageResult<T> result(EntityManager em, String from, PageRequest page, List<T> items, String next) {
        int rows = items.size();
        if (page.cursor() == null && rows < page.size() && (rows > 0 || page.page() == 0)) {
            return PageResult.of(items, page, page.offset() + rows, false, next);
        }
        // a cursor's position is not counted: the total is that of the whole list, as on page 0
        long estimate = estimate(em, from);
        if (estimate > exactTotalLimit) {
            return PageResult.of(items, page, Math.max(estimate, page.offset() + rows), true, next);
        }
        Query count = em.createNativeQuery("select count(*) from " + from + " where " + where);
        params.forEach(count::setParameter);
        return PageResult.of(items, page, ((Number) count.getSingleResult()).longValue(), false, next);
    }

    /** Planner estimates by query and parameters, kept a few seconds: planning costs as much as a page here. */
    private static final java.util.concurrent.ConcurrentHashMap<String, long[]> ESTIMATES = new java.util.concurrent.ConcurrentHashMap<>();
    static final long ESTIMATE_TTL_NANOS = java.time.Duration.ofSeconds(10).toNanos();

    private long estimate(EntityManager em, String from) {
        String key = from + " where " + where + " " + new java.util.TreeMap<>(params);
        long now = System.nanoTime();
        long[] cached = ESTIMATES.get(key);
        if (cached != null && now - cached[1] < ESTIMATE_TTL_NANOS) {
            return cached[0];
        }
        Query explain = em.createNativeQuery("explain (format json) select 1 from " + from + " where " + where);
        params.forEach(explain::setParameter);
        Matcher m = PLAN_ROWS.matcher(String.valueOf(explain.getSingleResult()));
        long estimate = m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
        if (ESTIMATES.size() > 10_000) {
            ESTIMATES.clear();
        }
        ESTIMATES.put(key, new long[] {estimate, now});
        return estimate;
    }

    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\"\\s*:\\s*([0-9]+)");

    /** The keyset condition after the cursor's row, or nothing without a cursor. */
    private String keyset(List<Key> keys, PageRequest page) {
        if (page.cursor() == null) {
            return "";
        }
        boolean sameDirection = keys.stream().allMatch(k -> k.desc() == keys.get(0).desc());
        if (sameDirection) {
            // a row comparison: PostgreSQL reads it as one range of a matching index
            return " and (" + keys.stream().map(Key::expr).collect(Collectors.joining(", ")) + ") "
                    + (keys.get(0).desc() ? "<" : ">") + " ("
                    + java.util.stream.IntStream.range(0, keys.size()).mapToObj(i -> ":lqAfter" + i).collect(Collectors.joining(", "))
                    + ")";
        }
        // mixed directions: the first column bounds the range, the rest break ties
        Key first = keys.get(0);
        return " and " + first.expr() + (first.desc() ? " <= " : " >= ") + ":lqAfter0 and " + after(keys, 0);
    }

    private static String after(List<Key> keys, int i) {
        Key k = keys.get(i);
        String strict = "(" + k.expr() + (k.desc() ? " < " : " > ") + ":lqAfter" + i;
        if (i == keys.size() - 1) {
            return strict + ")";
        }
        return strict + " or (" + k.expr() + " = :lqAfter" + i + " and " + after(keys, i + 1) + "))";
    }

    private void bind(Query rows, List<Key> keys, PageRequest page) {
        params.forEach(rows::setParameter);
        if (page.cursor() != null) {
            List<Object> values = Cursor.decode(page.cursor(), keys.size());
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    throw DomainException.invalid("cursor", "not a nextCursor of this list");
                }
                rows.setParameter("lqAfter" + i, values.get(i));
            }
        }
        rows.setParameter("pageLimit", page.size()).setParameter("pageOffset", page.offset());
    }

    /**
     * Runs a page query; with a cursor, a database error about the cursor's values (a cursor of another list, values
     * of the wrong type: PostgreSQL 42883 operator does not exist, 22P02/22007/22008 invalid text, 42804 datatype
     * mismatch) is the caller's bad input, 400 {@code cursor}, not a server error.
     */
    @SuppressWarnings("unchecked")
    private static <R> List<R> cursorResult(Query rows, PageRequest page) {
        if (page.cursor() == null) {
            return rows.getResultList();
        }
        try {
            return rows.getResultList();
        } catch (jakarta.persistence.PersistenceException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof java.sql.SQLException s && s.getSQLState() != null
                        && java.util.Set.of("42883", "22P02", "22007", "22008", "42804", "22003").contains(s.getSQLState())) {
                    throw DomainException.invalid("cursor", "not a nextCursor of this list");
                }
            }
            throw e;
        }
    }

    /** One column of an order: an SQL expression and its direction. */
    record Key(String expr, boolean desc, boolean nullsOrdered) {
        Key(String expr, boolean desc) {
            this(expr, desc, false);
        }

        /**
         * A keyset needs every order column to be an expression of the tables (not an alias of the select list,
         * which SQL does not let a where clause see) and without "nulls first/last" (a null cannot be compared).
         */
        static boolean keysetCapable(List<Key> keys, String select) {
            String lowerSelect = select.toLowerCase(java.util.Locale.ROOT);
            for (Key k : keys) {
                String e = k.expr().toLowerCase(java.util.Locale.ROOT);
                if (k.nullsOrdered() || (e.matches("[a-z_][a-z0-9_]*")
                        && Pattern.compile("\\bas\\s+" + e + "\\b").matcher(lowerSelect).find())) {
                    return false;
                }
            }
            return true;
        }

        static List<Key> parse(String orderBy) {
            List<Key> keys = new ArrayList<>();
            for (String part : orderBy.split(",")) {
                String p = part.trim();
                String lower = p.toLowerCase(java.util.Locale.ROOT);
                boolean nulls = false;
                for (String n : new String[] {" nulls first", " nulls last"}) {
                    if (lower.endsWith(n)) {
                        p = p.substring(0, p.length() - n.length()).trim();
                        lower = p.toLowerCase(java.util.Locale.ROOT);
                        nulls = true;
                    }
                }
                if (nulls) {
                    boolean desc = lower.endsWith(" desc");
                    String expr = desc ? p.substring(0, p.length() - 5).trim() : lower.endsWith(" asc") ? p.substring(0, p.length() - 4).trim() : p;
                    keys.add(new Key(expr, desc, true));
                    continue;
                }
                if (lower.endsWith(" desc")) {
                    keys.add(new Key(p.substring(0, p.length() - 5).trim(), true));
                } else if (lower.endsWith(" asc")) {
                    keys.add(new Key(p.substring(0, p.length() - 4).trim(), false));
                } else {
                    keys.add(new Key(p, false));
                }
            }
            return keys;
        }
    }

    /** The total without a count when the page shows it: a page that is not full (and not past the end) ends the list. */
    static long total(int rowsOnPage, PageRequest page, java.util.function.LongSupplier count) {
        if (rowsOnPage < page.size() && (rowsOnPage > 0 || page.page() == 0)) {
            return page.offset() + rowsOnPage;
        }
        return count.getAsLong();
    }

    private static int firstResult(PageRequest page) {
        return (int) Math.min(Integer.MAX_VALUE, page.offset());
    }
}
