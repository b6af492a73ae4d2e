package cn.resettle.common.web;

import cn.resettle.common.security.DataScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
 * For keyset paging at province scale the where clause and parameters built here are reused as they are: add
 * {@code and(sortKey > :after)} and read without a total.
 */
public final class ListQuery {

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
     * ({@code "monitoring_case c"}), {@code orderBy} the SQL order. The mapper reads a {@link Tuple} by column name.
     */
    public <T> PageResult<T> nativePage(EntityManager em, String select, String from, String orderBy, PageRequest page,
                                        Function<Tuple, T> mapper) {
        Query rows = em.createNativeQuery("select " + select + " from " + from + " where " + where + " order by " + orderBy
                + " limit :pageLimit offset :pageOffset", Tuple.class);
        params.forEach(rows::setParameter);
        rows.setParameter("pageLimit", page.size()).setParameter("pageOffset", page.offset());
        @SuppressWarnings("unchecked")
        List<Tuple> result = rows.getResultList();
        List<T> items = result.stream().map(mapper).toList();
        return PageResult.of(items, page, total(items.size(), page, () -> {
            Query count = em.createNativeQuery("select count(*) from " + from + " where " + where);
            params.forEach(count::setParameter);
            return ((Number) count.getSingleResult()).longValue();
        }));
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
