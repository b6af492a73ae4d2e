package cn.resettle.community.household;

import cn.resettle.community.household.HouseholdDtos.HouseholdView;
import cn.resettle.community.household.HouseholdDtos.PersonView;
import jakarta.enterprise.context.ApplicationScoped;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the household ledger 搬迁户台账, one row per member, with Chinese headers and labels, as rows arrive:
 * nothing is held but the rows of the current chunk, so a province's ledger is written in constant memory.
 * <ul>
 *   <li>.xlsx: a sheet holds at most {@code resettle.export.sheet-rows} rows including its header (Excel's limit,
 *       1 048 576); the rows go on in 搬迁户台账 (2), (3)… each with the header again. Nothing is left out.</li>
 *   <li>.csv: UTF-8 with a byte-order mark (Excel opens it with the Chinese intact), one file however many rows.</li>
 * </ul>
 */
@ApplicationScoped
public class LedgerExport {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv; charset=UTF-8";
    /** Excel's rows per sheet, header included. */
    public static final int EXCEL_MAX_ROWS = 1_048_576;
    static final String SHEET = "搬迁户台账";

    static final String[] HEADERS = {"户编号", "安置点编码", "乡镇代码", "搬迁类型", "安置方式", "住房类型", "迁出地", "户状态",
            "姓名", "身份证号", "性别", "出生日期", "年龄", "与户主关系", "文化程度", "健康状况", "劳动能力", "就业状况", "务工地点", "联系电话"};

    @ConfigProperty(name = "resettle.export.sheet-rows", defaultValue = "1048576")
    int sheetRows;

    public enum Format { XLSX, CSV }

    /** A ledger being written: {@link #write} each chunk of households, then {@link #close}. */
    public interface Writer extends Closeable {
        void write(List<HouseholdView> households);

        /** Member rows written so far (headers not counted). */
        long rows();

        int sheets();
    }

    public Writer open(OutputStream out, Format format) {
        return format == Format.CSV ? new Csv(out) : new Xlsx(out, Math.min(Math.max(sheetRows, 2), EXCEL_MAX_ROWS));
    }

    static List<Object> cells(HouseholdView h, PersonView p) {
        List<Object> c = new ArrayList<>(HEADERS.length);
        c.add(h.householdNo());
        c.add(h.siteCode());
        c.add(h.regionCode());
        c.add(h.relocationType().label());
        c.add(h.placementType().label());
        c.add(h.houseType() == null ? null : h.houseType().label());
        c.add(h.originPlace());
        c.add(h.status().label());
        c.add(p.name());
        c.add(p.idNumber());
        c.add(p.gender().label());
        // masked ledgers leave the birth date out (with the masked number it would rebuild the full one)
        c.add(p.birthDate() == null ? null : p.birthDate().toString());
        c.add(p.age());
        c.add(p.relationship().label());
        c.add(p.education() == null ? null : p.education().label());
        c.add(p.health() == null ? null : p.health().label());
        c.add(p.labourCapacity().label());
        c.add(p.employmentStatus().label());
        c.add(p.workplace());
        c.add(p.phone());
        return c;
    }

    private static final class Xlsx implements Writer {
        private final Workbook wb;
        private final int perSheet;
        private Worksheet ws;
        private int r;
        private int sheets;
        private long rows;

        Xlsx(OutputStream out, int perSheet) {
            this.wb = new Workbook(out, "resettle", "1.0");
            this.perSheet = perSheet;
            newSheet();
        }

        private void newSheet() {
            try {
                if (ws != null) {
                    ws.finish();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sheets++;
            ws = wb.newWorksheet(sheets == 1 ? SHEET : SHEET + " (" + sheets + ")");
            for (int c = 0; c < HEADERS.length; c++) {
                ws.value(0, c, HEADERS[c]);
                ws.style(0, c).bold().set();
            }
            r = 1;
        }

        @Override
        public void write(List<HouseholdView> households) {
            for (HouseholdView h : households) {
                for (PersonView p : h.members()) {
                    if (r == perSheet) {
                        newSheet();
                    }
                    List<Object> cells = cells(h, p);
                    for (int c = 0; c < cells.size(); c++) {
                        Object v = cells.get(c);
                        if (v instanceof Number n) {
                            ws.value(r, c, n);
                        } else if (v != null) {
                            ws.inlineString(r, c, v.toString());
                        }
                    }
                    r++;
                    rows++;
                }
            }
            try {
                ws.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public int sheets() {
            return sheets;
        }

        @Override
        public void close() throws IOException {
            ws.finish();
            wb.finish();
        }
    }

    private static final class Csv implements Writer {
        private final BufferedWriter out;
        private long rows;

        Csv(OutputStream out) {
            this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            try {
                this.out.write('\uFEFF');
                line(List.of((Object[]) HEADERS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void line(List<Object> cells) throws IOException {
            for (int c = 0; c < cells.size(); c++) {
                if (c > 0) {
                    out.write(',');
                }
                Object v = cells.get(c);
                if (v != null) {
                    out.write(quote(v.toString()));
                }
            }
            out.write("\r\n");
        }

        /** RFC 4180 quoting; a cell that a spreadsheet would read as a formula gets a leading apostrophe. */
        static String quote(String s) {
            if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
                s = "'" + s;
            }
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
            return s;
        }

        @Override
        public void write(List<HouseholdView> households) {
            try {
                for (HouseholdView h : households) {
                    for (PersonView p : h.members()) {
                        line(cells(h, p));
                        rows++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public int sheets() {
            return 1;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
