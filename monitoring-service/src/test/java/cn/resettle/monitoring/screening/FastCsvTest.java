package cn.resettle.monitoring.screening;

import cn.resettle.common.security.IdNumberHash;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The byte-level fast path writes exactly what the general path writes, and hands it every row it cannot vouch for. */
class FastCsvTest {
    static final IdNumberHash HASH = new IdNumberHash("test-key");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final List<String> HEADER = List.of("身份证号", "姓名", "医疗自付费用", "残疾", "失业", "灾害损失", "人均纯收入");

    @Test
    void sameOutputAsTheGeneralPath() throws Exception {
        Map<ScreeningRows.Column, Integer> h = ScreeningRows.header(HEADER);
        String[] rows = {
                "360732198001010014,张三,25000.50,否,是,,6800",
                "36073219900303003x,李四,0,1,0,300,12000",
                "360732198001010015,错号,1,否,否,,1",           // wrong check digit
                "360732198001010014,\"王,五\",1,否,否,,1",        // quoted: general path
                "360732198001010014,赵六,很多,否,否,,1",          // not a number
                "",                                             // blank: skipped
                "360732198001010014,孙七,500000000,否,否,,1",     // too large
                "360732198001010014,周八,1,true,no,,1",          // words: general path reads them
                "360732198001010014,吴九",                       // short row: missing cells are empty
        };
        String csv = String.join("\r\n", rows) + "\n";
        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        List<String> slowRows = new ArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int seen = new FastCsv(h, TODAY, HASH.newMac()).run(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), fast, 2,
                (rowNo, text) -> {
                    Object checked = ScreeningRows.check(rowNo, ScreeningRows.splitCsv(text), h, TODAY);
                    if (checked instanceof ScreeningRows.Row r) {
                        fast.write(ScreeningService.copyLine(r, sb, HASH.newMac()));
                    } else {
                        slowRows.add(rowNo + ":" + ((ScreeningRows.Problem) checked).field());
                    }
                }, accepted::add);
        assertEquals(8, seen);
        assertEquals(List.of(2, 3, 10), accepted);
        assertEquals(List.of("4:idNumber", "6:column 3", "8:column 3"), slowRows);

        // the general path over the same data row by row
        StringBuilder expected = new StringBuilder();
        int rowNo = 1;
        for (String row : rows) {
            rowNo++;
            if (row.isEmpty()) {
                continue;
            }
            Object checked = ScreeningRows.check(rowNo, ScreeningRows.splitCsv(row), h, TODAY);
            if (checked instanceof ScreeningRows.Row r) {
                expected.append(new String(ScreeningService.copyLine(r, sb, HASH.newMac()), StandardCharsets.US_ASCII));
            }
        }
        String got = fast.toString(StandardCharsets.US_ASCII);
        assertEquals(sorted(expected.toString()), sorted(got));
        assertEquals("2," + HASH.of("360732198001010014") + ",25000.50,f,t,,6800", got.lines().findFirst().orElseThrow());
        // a lower-case check character is the same person: the hash of the normalised number
        assertEquals("3," + HASH.of("36073219900303003X") + ",0,t,f,300,12000", got.lines().skip(1).findFirst().orElseThrow());
        // the staging table gets keyed hashes only: no clear ID number, no birth date
        assertFalse(got.contains("360732198001010014") || got.contains("19800101") || got.contains("19900303"), got);
    }

    static List<String> sorted(String lines) {
        return lines.lines().sorted().toList();
    }
}
