package cn.resettle.common.web;

import cn.resettle.common.problem.DomainException;
import jakarta.ws.rs.core.StreamingOutput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The one streaming ledger writer (台账 as .xlsx): a bold header row, then each row written as it comes (FastExcel
 * keeps only the current rows in memory, the sheet is flushed every {@link #FLUSH_EVERY} rows), numbers as numbers,
 * yes/no as 是/否, nothing else changed. Never cuts silently: a ledger larger than one sheet is refused before the
 * first byte ({@link #requireFits}) and a writer given more rows than a sheet holds fails rather than drop them.
 *
 * <pre>{@code
 * StreamingOutput body = LedgerSheet.stream("安全隐患台账", HEADERS, rows);            // rows: Iterable<Object[]>
 * StreamingOutput body = out -> { try (var sheet = LedgerSheet.open(out, name, HEADERS)) { ... sheet.row(cells); } };
 * }</pre>
 */
public final class LedgerSheet implements AutoCloseable {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel's rows per sheet below the header row. */
    public static final int MAX_ROWS = 1_048_575;
    static final int FLUSH_EVERY = 1000;

    private final Workbook workbook;
    private final Worksheet sheet;
    private int next = 1;

    private LedgerSheet(OutputStream out, String name, String[] headers) {
        workbook = new Workbook(out, "resettle", "1.0");
        // ':' and '/' are not allowed in a sheet name (a visit ledger's month, a date range)
        sheet = workbook.newWorksheet(name.replace(':', ' ').replace('/', ' '));
        for (int c = 0; c < headers.length; c++) {
            sheet.value(0, c, headers[c]);
            sheet.style(0, c).bold().set();
        }
    }

    /** A workbook of one sheet on {@code out}, its header written; write rows with {@link #row}, then close. */
    public static LedgerSheet open(OutputStream out, String name, String[] headers) {
        return new LedgerSheet(out, name, headers);
    }

    /** A response body that writes the header and every row of {@code rows} (read as the body is written). */
    public static StreamingOutput stream(String name, String[] headers, Iterable<Object[]> rows) {
        return out -> {
            try (LedgerSheet s = open(out, name, headers)) {
                for (Object[] row : rows) {
                    s.row(row);
                }
            }
        };
    }

    /** 422 {@code ledger-too-large} before anything is written when {@code rows} do not fit one sheet. */
    public static void requireFits(long rows, String narrowBy) {
        if (rows > MAX_ROWS) {
            throw DomainException.unprocessable("ledger-too-large", "the ledger would have " + rows
                    + " rows, more than one Excel sheet holds (" + MAX_ROWS + "); narrow it by " + narrowBy);
        }
    }

    /** Rows written so far (header not counted). */
    public int rows() {
        return next - 1;
    }

    public void row(Object... cells) {
        if (next > MAX_ROWS) {
            throw new IllegalStateException("more than " + MAX_ROWS + " rows for one sheet: the caller must refuse or split");
        }
        int r = next++;
        for (int c = 0; c < cells.length; c++) {
            Object v = cells[c];
            if (v instanceof BigDecimal b) {
                sheet.value(r, c, b.doubleValue());
            } else if (v instanceof Number n) {
                sheet.value(r, c, n);
            } else if (v instanceof Boolean b) {
                sheet.value(r, c, b ? "是" : "否");
            } else if (v != null) {
                sheet.value(r, c, v.toString());
            }
        }
        if (r % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Finishes the workbook (the caller closes the stream). */
    @Override
    public void close() throws IOException {
        workbook.finish();
    }
}
