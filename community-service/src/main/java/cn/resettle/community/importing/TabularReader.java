package cn.resettle.community.importing;

import cn.resettle.common.problem.DomainException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the first sheet of an .xlsx file or a CSV file into rows of strings. Row numbers are the ones a person
 * sees in Excel (the header is row 1). CSV may be UTF-8 (with or without BOM) or GB18030/GBK, which is what
 * Excel on a Chinese Windows saves.
 */
public final class TabularReader {

    public record Line(int rowNumber, List<String> cells) {
        public boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    private TabularReader() {
    }

    public static List<Line> read(byte[] content, String fileName) {
        if (isXlsx(content)) {
            return readXlsx(content);
        }
        if (fileName != null && fileName.toLowerCase().endsWith(".xls")) {
            throw DomainException.unprocessable("unsupported-file", "old .xls files are not supported: save as .xlsx or CSV");
        }
        return readCsv(decode(content));
    }

    static boolean isXlsx(byte[] b) {
        return b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    static List<Line> readXlsx(byte[] content) {
        List<Line> out = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = wb.getFirstSheet();
            try (Stream<Row> rows = sheet.openStream()) {
                rows.forEach(r -> {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.getCellCount(); i++) {
                        String v = r.getCellText(i);
                        cells.add(v == null ? null : v.trim());
                    }
                    out.add(new Line(r.getRowNum(), cells));
                });
            }
        } catch (IOException | RuntimeException e) {
            throw DomainException.unprocessable("unreadable-file", "the .xlsx file cannot be read: " + e.getMessage());
        }
        return out;
    }

    static String decode(byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer buf = ByteBuffer.wrap(content, start, content.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buf).toString();
        } catch (CharacterCodingException e) {
            return new String(content, start, content.length - start, Charset.forName("GB18030"));
        }
    }

    /** RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF. */
    static List<Line> readCsv(String text) {
        List<Line> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int row = 1;
        int rowStart = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        row++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString().trim());
                cell.setLength(0);
                out.add(new Line(rowStart, cells));
                cells = new ArrayList<>();
                row++;
                rowStart = row;
            } else {
                cell.append(ch);
            }
        }
        if (!cell.isEmpty() || !cells.isEmpty()) {
            cells.add(cell.toString().trim());
            out.add(new Line(rowStart, cells));
        }
        return out;
    }
}
