package cn.resettle.common.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list. {@code page} counts from 0. */
public record PageResult<T>(List<T> items, int page, int size, long total, int totalPages) {

    public static <T> PageResult<T> of(List<T> items, PageRequest req, long total) {
        int pages = (int) ((total + req.size() - 1) / req.size());
        return new PageResult<>(items, req.page(), req.size(), total, pages);
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, total, totalPages);
    }
}
