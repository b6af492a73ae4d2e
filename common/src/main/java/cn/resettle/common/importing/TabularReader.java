package cn.resettle.common.importing;

import cn.resettle.common.problem.DomainException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Streams the first sheet of an .xlsx file or a CSV file, row by row, to a {@link Sink}: the file is never held in
 * memory, so a limit the sink checks stops a huge file at the row that crosses it. Row numbers are the ones a
 * person sees in Excel (the header is row 1). CSV may be UTF-8 (with or without BOM) or GB18030/GBK, which is
 * what Excel on a Chinese Windows saves.
 * <p>
 * The one reader for uploaded tables: community's household import and monitoring's department screening both
 * read through it (screening adds a byte-level fast path for plain UTF-8 CSV, and hands it every row it declines).
 */
public final class TabularReader {

    public record Line(int rowNumber, List<String> cells) {
        public boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** Receives each line as it is read; throwing stops the reading. */
    @FunctionalInterface
    public interface Sink {
        void accept(Line line);
    }

    private TabularReader() {
    }

    public static void read(Path file, String fileName, Sink sink) {
        if (isXlsx(file)) {
            readXlsx(file, sink);
            return;
        }
        if (fileName != null && fileName.toLowerCase().endsWith(".xls")) {
            throw DomainException.unprocessable("unsupported-file", "old .xls files are not supported: save as .xlsx or CSV");
        }
        Charset cs = isUtf8(file) ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
        try (InputStream body = Files.newInputStream(file)) {
            if (hasBom(file)) {
                body.skipNBytes(3);
            }
            readCsv(new BufferedReader(new InputStreamReader(body, cs), 1 << 16), sink);
        } catch (IOException e) {
            throw DomainException.unprocessable("unreadable-file", "the file cannot be read");
        }
    }

    public static boolean isXlsx(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean hasBom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(3);
            return b.length == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
        }
    }

    /** Whether the whole file decodes as UTF-8; streamed, so it costs one read of the file and no memory. */
    public static boolean isUtf8(Path file) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        char[] buf = new char[1 << 16];
        try (Reader r = new InputStreamReader(Files.newInputStream(file), d)) {
            while (r.read(buf) >= 0) {
                // decoding is the check
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw DomainException.unprocessable("unreadable-file", "the file cannot be read");
        }
    }

    public static void readXlsx(Path file, Sink sink) {
        try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile())) {
            Sheet sheet = wb.getFirstSheet();
            try (Stream<Row> rows = sheet.openStream()) {
                Iterator<Row> it = rows.iterator();
                while (it.hasNext()) {
                    Row r = it.next();
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.getCellCount(); i++) {
                        String v = r.getCellText(i);
                        cells.add(v == null ? null : v.trim());
                    }
                    sink.accept(new Line(r.getRowNum(), cells));
                }
            }
        } catch (DomainException | java.io.UncheckedIOException e) {
            throw e; // the sink's own refusal, or the sink's output failing (not the uploader's file)
        } catch (IOException | RuntimeException e) {
            throw DomainException.unprocessable("unreadable-file", "the .xlsx file cannot be read: " + e.getMessage());
        }
    }

    /** RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF. */
    public static void readCsv(Reader in, Sink sink) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int row = 1;
        int rowStart = 1;
        int ch = in.read();
        while (ch >= 0) {
            int next = -2;
            if (quoted) {
                if (ch == '"') {
                    next = in.read();
                    if (next == '"') {
                        cell.append('"');
                        next = -2;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        row++;
                    }
                    cell.append((char) ch);
                }
                any = true;
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    next = in.read();
                    if (next == '\n') {
                        next = -2;
                    }
                }
                cells.add(cell.toString().trim());
                cell.setLength(0);
                sink.accept(new Line(rowStart, cells));
                cells = new ArrayList<>();
                any = false;
                row++;
                rowStart = row;
            } else {
                cell.append((char) ch);
                any = true;
            }
            ch = next == -2 ? in.read() : next;
        }
        if (any) {
            cells.add(cell.toString().trim());
            sink.accept(new Line(rowStart, cells));
        }
    }
}
