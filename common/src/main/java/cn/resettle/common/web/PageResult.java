package cn.resettle.common.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code page} counts from 0.
 * <ul>
 *   <li>{@code total} is exact unless {@code totalEstimated} is true: then it is PostgreSQL's planner estimate for
 *       the same query (a large scope, where counting every row on every request would cost more than the page);
 *       {@code totalPages} follows from it.</li>
 *   <li>{@code nextCursor}, when the page is full, is an opaque value: pass it back as {@code ?cursor=} for the next
 *       page in the same order and filters. Reading by cursor costs the same at any depth (keyset paging);
 *       {@code page} then counts nothing and is ignored. Null on the last page.</li>
 * </ul>
 */
public record PageResult<T>(List<T> items, int page, int size, long total, int totalPages, boolean totalEstimated,
                            String nextCursor) {

    public PageResult(List<T> items, int page, int size, long total, int totalPages) {
        this(items, page, size, total, totalPages, false, null);
    }

    public static <T> PageResult<T> of(List<T> items, PageRequest req, long total) {
        return of(items, req, total, false, null);
    }

    public static <T> PageResult<T> of(List<T> items, PageRequest req, long total, boolean estimated, String nextCursor) {
        int pages = (int) Math.min(Integer.MAX_VALUE, (total + req.size() - 1) / req.size());
        return new PageResult<>(items, req.page(), req.size(), total, pages, estimated, nextCursor);
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, total, totalPages, totalEstimated, nextCursor);
    }
}
