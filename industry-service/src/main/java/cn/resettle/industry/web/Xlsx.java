package cn.resettle.industry.web;

import cn.resettle.common.web.LedgerSheet;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** A ledger as one .xlsx sheet written row by row (common's {@link LedgerSheet}); every row given is written, none dropped. */
public final class Xlsx {
    public static final String TYPE = LedgerSheet.XLSX;
    /** Excel's limit on rows in a sheet, header excluded. */
    public static final int MAX_ROWS = LedgerSheet.MAX_ROWS;

    private Xlsx() {
    }

    public static Response of(String sheet, String[] headers, List<Object[]> rows, String fileName) {
        if (rows.size() > MAX_ROWS) {
            throw cn.resettle.common.problem.DomainException.unprocessable("too-many-rows",
                    rows.size() + " rows do not fit one sheet; narrow the filter (siteCode, regionCode)");
        }
        return Response.ok(LedgerSheet.stream(sheet, headers, rows), TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
