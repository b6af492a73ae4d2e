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

    public PageRequest() {
    }

    public PageRequest(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    /** The SQL offset; computed in long arithmetic so even an unvalidated request cannot wrap around. */
    public long offset() {
        return (long) page * size;
    }
}
