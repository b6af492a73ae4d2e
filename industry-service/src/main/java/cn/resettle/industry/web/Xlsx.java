package cn.resettle.industry.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.math.BigDecimal;
import java.util.List;

/** A ledger as one .xlsx sheet written row by row (FastExcel); every row given is written, none dropped. */
public final class Xlsx {
    public static final String TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel's limit on rows in a sheet, header included. */
    public static final int MAX_ROWS = 1_048_575;

    private Xlsx() {
    }

    public static Response of(String sheet, String[] headers, List<Object[]> rows, String fileName) {
        if (rows.size() > MAX_ROWS) {
            throw cn.resettle.common.problem.DomainException.unprocessable("too-many-rows",
                    rows.size() + " rows do not fit one sheet; narrow the filter (siteCode, regionCode)");
        }
        StreamingOutput body = out -> {
            Workbook wb = new Workbook(out, "resettle", "1.0");
            Worksheet ws = wb.newWorksheet(sheet.replace(':', ' ').replace('/', ' '));
            for (int c = 0; c < headers.length; c++) {
                ws.value(0, c, headers[c]);
                ws.style(0, c).bold().set();
            }
            int r = 1;
            for (Object[] cells : rows) {
                for (int c = 0; c < cells.length; c++) {
                    Object v = cells[c];
                    if (v instanceof BigDecimal b) {
                        ws.value(r, c, b.doubleValue());
                    } else if (v instanceof Number n) {
                        ws.value(r, c, n);
                    } else if (v != null) {
                        ws.value(r, c, v.toString());
                    }
                }
                if (r % 1000 == 0) {
                    ws.flush();
                }
                r++;
            }
            wb.finish();
        };
        return Response.ok(body, TYPE).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
