package cn.resettle.monitoring.screening;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.validation.CitizenIds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One department's monthly file, row by row: the ID number and the indicators the departments hold (medical
 * expense, disability, unemployment, disaster loss, per-capita income). Pure parsing and checking, unit-tested.
 */
public final class ScreeningRows {

    public enum Column {
        ID_NUMBER("身份证号", "idNumber"), NAME("姓名", "name"), MEDICAL_EXPENSE("医疗自付费用", "medicalExpense"),
        DISABILITY("残疾", "disability"), UNEMPLOYED("失业", "unemployed"), DISASTER_LOSS("灾害损失", "disasterLoss"),
        INCOME("人均纯收入", "perCapitaIncome");

        final String header;
        final String field;

        Column(String header, String field) {
            this.header = header;
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A checked row: numbers parsed, ID number valid. Null indicators mean the department did not say. */
    public record Row(int rowNo, String idNumber, BigDecimal medicalExpense, Boolean disability, Boolean unemployed,
                      BigDecimal disasterLoss, BigDecimal income) {
    }

    public record Problem(int rowNo, String field, String message) {
    }

    private ScreeningRows() {
    }

    public static Map<Column, Integer> header(List<String> cells) {
        Map<Column, Integer> idx = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String h = cells.get(i) == null ? "" : cells.get(i).trim().replace("\uFEFF", "");
            for (Column c : Column.values()) {
                if (c.header.equals(h) || c.field.equalsIgnoreCase(h)) {
                    idx.put(c, i);
                }
            }
        }
        if (!idx.containsKey(Column.ID_NUMBER)) {
            throw new DomainException(422, "missing-columns", "缺少必填列 Missing columns",
                    "row 1 must name the columns and include 身份证号 (idNumber); indicators: 医疗自付费用, 残疾, 失业, 灾害损失, 人均纯收入");
        }
        if (idx.size() == 1 || (idx.size() == 2 && idx.containsKey(Column.NAME))) {
            throw new DomainException(422, "missing-columns", "缺少指标列 Missing indicators",
                    "the file has no indicator column (医疗自付费用, 残疾, 失业, 灾害损失, 人均纯收入)");
        }
        return idx;
    }

    /** The checked row, or the first problem with it. */
    public static Object check(int rowNo, List<String> cells, Map<Column, Integer> idx, LocalDate today) {
        String id = CitizenIds.normalize(cell(cells, idx.get(Column.ID_NUMBER)));
        if (id == null || id.isEmpty()) {
            return new Problem(rowNo, "idNumber", "required");
        }
        Optional<CitizenIds.Problem> p = CitizenIds.check(id, today);
        if (p.isPresent()) {
            return new Problem(rowNo, "idNumber", p.get().message);
        }
        try {
            return new Row(rowNo, id, money(cells, idx.get(Column.MEDICAL_EXPENSE)), flag(cells, idx.get(Column.DISABILITY)),
                    flag(cells, idx.get(Column.UNEMPLOYED)), money(cells, idx.get(Column.DISASTER_LOSS)),
                    money(cells, idx.get(Column.INCOME)));
        } catch (BadValue e) {
            return new Problem(rowNo, e.field, e.getMessage());
        }
    }

    private static final class BadValue extends RuntimeException {
        final String field;

        BadValue(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private static String cell(List<String> cells, Integer i) {
        if (i == null || i >= cells.size()) {
            return null;
        }
        String s = cells.get(i);
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static BigDecimal money(List<String> cells, Integer i) {
        String s = cell(cells, i);
        if (s == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s.replace(",", ""));
            if (d.signum() < 0 || d.compareTo(new BigDecimal("100000000")) > 0) {
                throw new BadValue(field(i, cells), "must be between 0 and 100000000");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadValue(field(i, cells), "not a number: " + s);
        }
    }

    private static Boolean flag(List<String> cells, Integer i) {
        String s = cell(cells, i);
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "是", "1", "true", "y", "yes" -> Boolean.TRUE;
            case "否", "0", "false", "n", "no" -> Boolean.FALSE;
            default -> throw new BadValue(field(i, cells), "must be 是 or 否: " + s);
        };
    }

    private static String field(Integer i, List<String> cells) {
        return "column " + (i + 1);
    }

    /** Splits one CSV line (quoted fields allowed, no line breaks inside: department exports are one row per line). */
    public static List<String> splitCsv(String line) {
        List<String> out = new java.util.ArrayList<>(8);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
