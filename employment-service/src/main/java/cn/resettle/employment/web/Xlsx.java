package cn.resettle.employment.web;

import cn.resettle.common.problem.DomainException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Employment's ledgers as .xlsx, streamed: rows are read from a result stream and written one by one (FastExcel
 * keeps only the current row in memory), never truncated: a selection larger than one sheet holds is refused up
 * front (422 too-many-rows) so the caller narrows it instead of getting a silently cut ledger.
 */
public final class Xlsx {
    public static final String TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel's rows per sheet, less the header row. */
    public static final long MAX_ROWS = 1_048_575;

    private Xlsx() {
    }

    public static void requireFits(long rows) {
        if (rows > MAX_ROWS) {
            throw DomainException.unprocessable("too-many-rows", "the selection has " + rows
                    + " rows, more than one Excel sheet holds (" + MAX_ROWS + "); narrow it by site or township");
        }
    }

    /**
     * Streams {@code sql} (a native query returning named columns) as one sheet; {@code row} turns a row into its
     * cells. The query runs in its own read transaction while the response is written.
     */
    public static Response stream(EntityManager em, String sql, Map<String, Object> params, String sheet, String[] headers,
                                  Function<Tuple, Object[]> row, String fileName) {
        StreamingOutput body = out -> QuarkusTransaction.requiringNew().run(() -> {
            try {
                Workbook wb = new Workbook(out, "resettle", "1.0");
                Worksheet ws = wb.newWorksheet(sheet);
                for (int c = 0; c < headers.length; c++) {
                    ws.value(0, c, headers[c]);
                    ws.style(0, c).bold().set();
                }
                Query q = em.createNativeQuery(sql, Tuple.class);
                params.forEach(q::setParameter);
                q.setHint("org.hibernate.fetchSize", 500);
                int[] r = {1};
                @SuppressWarnings("unchecked")
                Stream<Tuple> rows = q.getResultStream();
                try (rows) {
                    rows.forEach(t -> {
                        Object[] cells = row.apply(t);
                        for (int c = 0; c < cells.length; c++) {
                            Object v = cells[c];
                            if (v instanceof Number n) {
                                ws.value(r[0], c, n);
                            } else if (v instanceof Boolean b) {
                                ws.value(r[0], c, b ? "是" : "否");
                            } else if (v != null) {
                                ws.value(r[0], c, v.toString());
                            }
                        }
                        r[0]++;
                        if (r[0] % 10_000 == 0) {
                            try {
                                ws.flush();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    });
                }
                wb.finish();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, TYPE)
                .header("Content-Disposition", "attachment; filename=\"export.xlsx\"; filename*=UTF-8''" + encoded).build();
    }
}
