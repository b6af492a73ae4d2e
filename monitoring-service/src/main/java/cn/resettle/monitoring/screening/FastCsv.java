package cn.resettle.monitoring.screening;

import cn.resettle.common.security.IdNumberHash;
import cn.resettle.common.validation.CitizenIds;
import cn.resettle.common.validation.DivisionCodes;
import cn.resettle.monitoring.screening.ScreeningRows.Column;

import javax.crypto.Mac;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hot path of a screening upload: a UTF-8 CSV checked and re-written for COPY byte by byte, without building a
 * String or a number per cell (a million rows are checked at close to the speed PostgreSQL copies them). Any row it
 * does not accept outright (quotes, a bad value) goes through {@link ScreeningRows#check}, which names the problem;
 * both paths apply the same rules, and the tests feed the same rows to both.
 */
final class FastCsv {

    private static final byte[] YES = "是".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO = "否".getBytes(StandardCharsets.UTF_8);

    private final int idCol;
    private final int[] cols; // medical, disability, unemployed, loss, income (-1 = absent)
    private final int todayInt;
    private final int maxCol;
    private final Mac idHash;
    private final byte[] id = new byte[18];

    /** {@code idHash}: the keyed hash ({@link cn.resettle.common.security.IdNumberHash#newMac}) written instead of the number. */
    FastCsv(Map<Column, Integer> header, LocalDate today, Mac idHash) {
        this.idHash = idHash;
        idCol = header.get(Column.ID_NUMBER);
        cols = new int[]{header.getOrDefault(Column.MEDICAL_EXPENSE, -1), header.getOrDefault(Column.DISABILITY, -1),
                header.getOrDefault(Column.UNEMPLOYED, -1), header.getOrDefault(Column.DISASTER_LOSS, -1),
                header.getOrDefault(Column.INCOME, -1)};
        int m = idCol;
        for (int c : cols) {
            m = Math.max(m, c);
        }
        maxCol = m;
        todayInt = today.getYear() * 10000 + today.getMonthValue() * 100 + today.getDayOfMonth();
    }

    interface SlowPath {
        /** Called with a row the fast path did not accept; writes it (or records its problem) itself. */
        void row(int rowNo, String line) throws IOException;
    }

    /**
     * Reads data lines (the header already consumed), writes accepted rows as COPY CSV to {@code out}.
     * Returns the number of data rows seen.
     */
    int run(InputStream in, OutputStream out, int firstRowNo, SlowPath slow, Consumer<Integer> accepted) throws IOException {
        byte[] buf = new byte[1 << 16];
        State st = new State(out, firstRowNo, slow, accepted);
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    line(st);
                } else if (st.len == st.line.length) {
                    st.overflow = true;
                } else {
                    st.line[st.len++] = b;
                }
            }
        }
        if (st.len > 0) {
            line(st);
        }
        if (st.op > 0) {
            out.write(st.o, 0, st.op);
        }
        return st.rows;
    }

    private static final class State {
        final OutputStream out;
        final SlowPath slow;
        final Consumer<Integer> accepted;
        final byte[] line = new byte[4096];
        final byte[] o = new byte[1 << 16];
        final int[] starts = new int[64];
        final int[] ends = new int[64];
        int len;
        int op;
        int rowNo;
        int rows;
        boolean overflow;

        State(OutputStream out, int firstRowNo, SlowPath slow, Consumer<Integer> accepted) {
            this.out = out;
            this.rowNo = firstRowNo - 1;
            this.slow = slow;
            this.accepted = accepted;
        }
    }

    private void line(State st) throws IOException {
        int l = st.len;
        st.len = 0;
        if (l > 0 && st.line[l - 1] == '\r') {
            l--;
        }
        boolean overflow = st.overflow;
        st.overflow = false;
        st.rowNo++; // row numbers are line numbers, blank lines included, as a person sees them in the file
        if (!overflow && blank(st.line, l)) {
            return;
        }
        st.rows++;
        if (st.op > st.o.length - 512) {
            st.out.write(st.o, 0, st.op);
            st.op = 0;
        }
        int w = overflow ? -1 : accept(st.line, l, st.rowNo, st.o, st.op, st.starts, st.ends);
        if (w < 0) {
            if (st.op > 0) {
                st.out.write(st.o, 0, st.op);
                st.op = 0;
            }
            st.slow.row(st.rowNo, overflow ? "" : new String(st.line, 0, l, StandardCharsets.UTF_8));
        } else {
            st.op = w;
            st.accepted.accept(st.rowNo);
        }
    }

    private static boolean blank(byte[] line, int l) {
        for (int i = 0; i < l; i++) {
            if (line[i] != ',' && line[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Writes the COPY line at {@code op} and returns the new position, or -1 to send the row down the slow path. */
    private int accept(byte[] line, int l, int rowNo, byte[] o, int op, int[] starts, int[] ends) {
        int f = 0;
        starts[0] = 0;
        for (int i = 0; i < l; i++) {
            byte b = line[i];
            if (b == '"') {
                return -1;
            }
            if (b == ',') {
                ends[f] = i;
                if (++f >= starts.length) {
                    return -1;
                }
                starts[f] = i + 1;
            }
        }
        ends[f] = l;
        if (f < maxCol) {
            // short row: missing trailing cells count as empty
            for (int k = f + 1; k <= maxCol; k++) {
                starts[k] = l;
                ends[k] = l;
            }
        }
        int s = trimStart(line, starts[idCol], ends[idCol]);
        int e = trimEnd(line, s, ends[idCol]);
        if (e - s != 18 || !validId(line, s)) {
            return -1;
        }
        op = writeInt(o, op, rowNo);
        o[op++] = ',';
        // the clear number goes no further than this buffer: COPY gets its keyed hash, which is what the copy holds
        for (int k = 0; k < 18; k++) {
            byte b = line[s + k];
            id[k] = b == 'x' ? (byte) 'X' : b;
        }
        op = IdNumberHash.hex(idHash.doFinal(id), o, op);
        for (int c = 0; c < cols.length; c++) {
            o[op++] = ',';
            int col = cols[c];
            if (col < 0) {
                continue;
            }
            int cs = trimStart(line, starts[col], ends[col]);
            int ce = trimEnd(line, cs, ends[col]);
            if (cs == ce) {
                continue;
            }
            if (c == 1 || c == 2) {
                int v = flag(line, cs, ce);
                if (v < 0) {
                    return -1;
                }
                o[op++] = v == 1 ? (byte) 't' : (byte) 'f';
            } else {
                int w = number(line, cs, ce, o, op);
                if (w < 0) {
                    return -1;
                }
                op = w;
            }
        }
        o[op++] = '\n';
        return op;
    }

    private static int trimStart(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        return s;
    }

    private static int trimEnd(byte[] b, int s, int e) {
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        return e;
    }

    private boolean validId(byte[] b, int s) {
        byte check = CitizenIds.checkByte(b, s); // GB 11643's weights and check table, kept once in common
        byte last = b[s + 17];
        if (last == 'x') {
            last = 'X';
        }
        if (check == 0 || check != last) {
            return false;
        }
        if (!DivisionCodes.isProvince(new String(b, s, 2, StandardCharsets.US_ASCII))) {
            return false;
        }
        int year = num(b, s + 6, 4);
        int month = num(b, s + 10, 2);
        int day = num(b, s + 12, 2);
        if (year < 1890 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int dim = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= dim && year * 10000 + month * 100 + day <= todayInt;
    }

    private static int num(byte[] b, int s, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            v = v * 10 + (b[s + k] - '0');
        }
        return v;
    }

    /** 1 yes, 0 no, -1 not a flag. */
    private static int flag(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 1) {
            return b[s] == '1' || b[s] == 'y' || b[s] == 'Y' ? 1 : b[s] == '0' || b[s] == 'n' || b[s] == 'N' ? 0 : -1;
        }
        if (n == 3 && b[s] == YES[0] && b[s + 1] == YES[1] && b[s + 2] == YES[2]) {
            return 1;
        }
        if (n == 3 && b[s] == NO[0] && b[s + 1] == NO[1] && b[s + 2] == NO[2]) {
            return 0;
        }
        return -1; // true/false/yes/no: the slow path reads them
    }

    /** Copies a plain non-negative decimal (digits, at most one '.', thousands commas dropped); -1 if it is not one. */
    private static int number(byte[] b, int s, int e, byte[] o, int op) {
        boolean dot = false;
        int digits = 0;
        for (int k = s; k < e; k++) {
            byte c = b[k];
            if (c >= '0' && c <= '9') {
                if (!dot && ++digits > 8) {
                    return -1; // ≥ 1e8: let the slow path check the range
                }
                o[op++] = c;
            } else if (c == '.' && !dot) {
                dot = true;
                o[op++] = c;
            } else {
                return -1;
            }
        }
        return digits == 0 && !dot ? -1 : op;
    }

    private static int writeInt(byte[] o, int op, int v) {
        if (v >= 10) {
            op = writeInt(o, op, v / 10);
        }
        o[op++] = (byte) ('0' + v % 10);
        return op;
    }
}
