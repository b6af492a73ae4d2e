package cn.resettle.employment.web;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.web.LedgerSheet;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Employment's ledgers as .xlsx, streamed: rows are read from a result stream and written one by one (common's
 * {@link LedgerSheet}: only the current rows in memory), never truncated: a selection larger than one sheet holds is refused up
 * front (422 too-many-rows) so the caller narrows it instead of getting a silently cut ledger.
 */
public final class Xlsx {
    public static final String TYPE = LedgerSheet.XLSX;
    /** Excel's rows per sheet, less the header row. */
    public static final long MAX_ROWS = LedgerSheet.MAX_ROWS;

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
            try (LedgerSheet ws = LedgerSheet.open(out, sheet, headers)) {
                Query q = em.createNativeQuery(sql, Tuple.class);
                params.forEach(q::setParameter);
                q.setHint("org.hibernate.fetchSize", 500);
                @SuppressWarnings("unchecked")
                Stream<Tuple> rows = q.getResultStream();
                try (rows) {
                    rows.forEach(t -> ws.row(row.apply(t)));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, TYPE)
                .header("Content-Disposition", "attachment; filename=\"export.xlsx\"; filename*=UTF-8''" + encoded).build();
    }
}
