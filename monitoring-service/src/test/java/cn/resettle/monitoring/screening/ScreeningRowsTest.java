package cn.resettle.monitoring.screening;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScreeningRowsTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final java.util.Map<ScreeningRows.Column, Integer> H = ScreeningRows.header(List.of("身份证号", "姓名", "医疗自付费用", "残疾", "失业", "灾害损失", "人均纯收入"));

    @Test
    void readsIndicatorsInChineseOrCodes() {
        var r = (ScreeningRows.Row) ScreeningRows.check(2, List.of("36073219900303003x", "张三", "25,000.50", "否", "是", "", "6800"), H, TODAY);
        assertEquals(new BigDecimal("25000.50"), r.medicalExpense());
        assertEquals(Boolean.FALSE, r.disability());
        assertEquals(Boolean.TRUE, r.unemployed());
        assertEquals(null, r.disasterLoss());
        assertEquals(new BigDecimal("6800"), r.income());
    }

    @Test
    void reportsWhatIsWrongWithARow() {
        var p = (ScreeningRows.Problem) ScreeningRows.check(7, List.of("360732198001010015", "", "", "", "", "", ""), H, TODAY);
        assertEquals(7, p.rowNo());
        assertEquals("idNumber", p.field());
        assertInstanceOf(ScreeningRows.Problem.class, ScreeningRows.check(8, List.of("360732198001010014", "", "abc"), H, TODAY));
        assertInstanceOf(ScreeningRows.Problem.class, ScreeningRows.check(9, List.of("360732198001010014", "", "", "也许"), H, TODAY));
    }

    @Test
    void aFileWithoutIdOrIndicatorsIsRefused() {
        assertThrows(RuntimeException.class, () -> ScreeningRows.header(List.of("姓名", "医疗自付费用")));
        assertThrows(RuntimeException.class, () -> ScreeningRows.header(List.of("身份证号", "姓名")));
    }

    @Test
    void splitsQuotedCsv() {
        assertEquals(List.of("a", "b,c", "d\"e", ""), ScreeningRows.splitCsv("a,\"b,c\",\"d\"\"e\",\r"));
    }
}
