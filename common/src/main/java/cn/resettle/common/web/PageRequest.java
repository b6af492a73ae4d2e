package cn.resettle.common.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?page=0&size=20} on every list; size is capped so no one pulls a whole county in one request, and page is
 * capped so {@code page * size} (the SQL offset) can never overflow: at most {@value #MAX_PAGE} × {@value #MAX_SIZE}.
 */
public class PageRequest {
    public static final int MAX_SIZE = 200;
    public static final int MAX_PAGE = 100_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_PAGE, message = "must be at most " + MAX_PAGE)
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_SIZE, message = "must be at most " + MAX_SIZE)
    public int size;

    /**
     * The {@code nextCursor} of the previous page: the next page in the same order (keyset paging, as fast at any
     * depth). When given, {@code page} is ignored.
     */
    @QueryParam("cursor")
    @jakarta.validation.constraints.Size(max = 1000, message = "must be at most 1000 characters")
    @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]*", message = "must be a nextCursor of an earlier page")
    public String cursor;

    public PageRequest() {
    }

    public PageRequest(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public PageRequest(int page, int size, String cursor) {
        this(page, size);
        this.cursor = cursor;
    }

    public String cursor() {
        return cursor == null || cursor.isBlank() ? null : cursor;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    /** The SQL offset; computed in long arithmetic so even an unvalidated request cannot wrap around. */
    public long offset() {
        return cursor() != null ? 0 : (long) page * size;
    }
}
