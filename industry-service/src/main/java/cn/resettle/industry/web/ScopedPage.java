package cn.resettle.industry.web;

import cn.resettle.common.web.PageResult;

import java.util.List;

/**
 * A page of a drill-down whose rows name households (members of a cooperative, households tied to a base): the rows
 * in the caller's data scope, and only the number of the others ({@code householdsOutsideScope}), never who they are.
 */
public record ScopedPage<T>(List<T> items, int page, int size, long total, int totalPages, boolean totalEstimated,
                            String nextCursor, long householdsOutsideScope) {

    public static <T> ScopedPage<T> of(PageResult<T> p, long outsideScope) {
        return new ScopedPage<>(p.items(), p.page(), p.size(), p.total(), p.totalPages(), p.totalEstimated(), p.nextCursor(),
                outsideScope);
    }
}
