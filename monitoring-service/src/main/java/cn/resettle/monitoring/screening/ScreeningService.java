package cn.resettle.monitoring.screening;

import cn.resettle.common.importing.TabularReader;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.security.IdNumberHash;
import cn.resettle.monitoring.risk.Households;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskService;
import cn.resettle.monitoring.rules.RiskRules;
import cn.resettle.monitoring.rules.RuleSet;
import cn.resettle.monitoring.rules.RuleSetService;
import cn.resettle.monitoring.screening.ScreeningRows.Column;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import javax.crypto.Mac;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Department data screening: a department's monthly file (CSV or .xlsx, one row per person, possibly a million) is
 * checked row by row and streamed into PostgreSQL with COPY; one join against the registry copy finds the relocated
 * people; the rows whose indicators cross a threshold go through the same risk rules as visits, household by
 * household, and flag risks (source SCREENING) that go back to the sites. Malformed and unmatched rows are
 * counted and listed (the first {@value #MAX_LISTED} of each), never silently dropped.
 */
@ApplicationScoped
public class ScreeningService {

    private static final Logger LOG = Logger.getLogger(ScreeningService.class);
    public static final int MAX_LISTED = 1000;
    private static final int FLAG_BATCH = 200;

    public record Report(UUID id, String department, String month, int rows, int valid, int malformed, int matched,
                         int unmatched, int warnings, long millis, List<ScreeningRows.Problem> malformedRows,
                         List<Integer> unmatchedRows) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DataScope scope;
    @Inject
    Households households;
    @Inject
    RiskService risks;
    @Inject
    RuleSetService rules;
    @Inject
    IdNumberHash idHash;

    public Report upload(Path file, String fileName, String department, YearMonth month) {
        long start = System.nanoTime();
        UUID id = UUID.randomUUID();
        String staging = "screening_rows_" + id.toString().replace("-", "");
        List<ScreeningRows.Problem> problems = new ArrayList<>();
        int[] counts = new int[3]; // rows, valid, malformed
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("create unlogged table " + staging + " (row_no int not null, id_number_hash char(64) not null, "
                        + "medical_expense numeric(14,2), disability boolean, unemployed boolean, disaster_loss numeric(14,2), "
                        + "income numeric(14,2))");
            }
            try {
                copyRows(c, staging, file, fileName, problems, counts);
                LOG.debugf("screening %s: %d rows checked and copied in %d ms", id, counts[0], (System.nanoTime() - start) / 1_000_000);
                return match(c, id, staging, department, month, fileName, problems, counts, start);
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("drop table if exists " + staging);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("screening upload failed: " + e.getMessage(), e);
        }
    }

    private void copyRows(Connection c, String staging, Path file, String fileName, List<ScreeningRows.Problem> problems,
                          int[] counts) throws SQLException, IOException {
        PGConnection pg = c.unwrap(PGConnection.class);
        LocalDate today = LocalDate.now();
        StringBuilder line = new StringBuilder(160);
        Mac mac = idHash.newMac();
        try (OutputStream copy = new java.io.BufferedOutputStream(new PGCopyOutputStream(pg,
                "copy " + staging + " from stdin with (format csv)", 1 << 16), 1 << 16)) {
            @SuppressWarnings("unchecked")
            Map<Column, Integer>[] header = new Map[1];
            // the general path: one row of cells at a time (xlsx, non-UTF-8 CSV, and rows the fast path declines)
            ScreeningRowSink sink = (rowNo, cells) -> {
                Object checked = ScreeningRows.check(rowNo, cells, header[0], today);
                if (checked instanceof ScreeningRows.Problem p) {
                    counts[2]++;
                    if (problems.size() < MAX_LISTED) {
                        problems.add(p);
                    }
                } else {
                    counts[1]++;
                    copy.write(copyLine((ScreeningRows.Row) checked, line, mac));
                }
            };
            TabularReader.Sink onRow = row -> {
                if (header[0] == null) {
                    header[0] = ScreeningRows.header(row.cells());
                    return;
                }
                if (row.blank()) {
                    return;
                }
                counts[0]++;
                try {
                    sink.row(row.rowNumber(), row.cells());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            if (!TabularReader.isXlsx(file) && TabularReader.isUtf8(file)) {
                // the hot path: plain UTF-8 CSV, checked byte by byte; any row it declines goes to the general path
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    String first = firstLine(in);
                    if (first != null) {
                        onRow.accept(new TabularReader.Line(1, ScreeningRows.splitCsv(first.replace("\uFEFF", ""))));
                        FastCsv fast = new FastCsv(header[0], today, mac);
                        counts[0] += fast.run(in, copy, 2,
                                (rowNo, text) -> sink.row(rowNo, ScreeningRows.splitCsv(text)), rowNo -> counts[1]++);
                    }
                }
            } else {
                // .xlsx, and CSV saved as GB18030/GBK by Excel on a Chinese Windows: the shared upload reader
                TabularReader.read(file, fileName, onRow);
            }
            if (header[0] == null) {
                throw DomainException.unprocessable("empty-file", "the file has no rows");
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    interface ScreeningRowSink {
        void row(int rowNo, List<String> cells) throws IOException;
    }

    private Report match(Connection c, UUID id, String staging, String department, YearMonth month, String fileName,
                         List<ScreeningRows.Problem> problems, int[] counts, long start) throws SQLException {
        DataScope.Filter f = scope.filter("h.region_code", "h.site_code");
        String scopeSql = toSql(f);
        RuleSet loosest = QuarkusTransaction.requiringNew().call(() -> rules.loosest(month.getYear()));
        String from = " from " + staging + " r join registry_person p on p.id_number_hash = r.id_number_hash "
                + "join registry_household h on h.id = p.household_id and h.status = 'ACTIVE' where " + scopeSql;
        // one pass over the join: the matched rows are few (relocated people among a department's whole list)
        int matched = 0;
        List<Object[]> candidates = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select h.id, r.medical_expense, "
                + "r.disability, r.unemployed, r.disaster_loss, r.income" + from + " order by h.id")) {
            while (rs.next()) {
                matched++;
                BigDecimal medical = rs.getBigDecimal(2);
                BigDecimal loss = rs.getBigDecimal(5);
                BigDecimal income = rs.getBigDecimal(6);
                boolean candidate = (medical != null && medical.compareTo(loosest.medicalExpenseThreshold()) > 0)
                        || Boolean.TRUE.equals(rs.getObject(3)) || Boolean.TRUE.equals(rs.getObject(4))
                        || (loss != null && loss.signum() > 0) || (income != null && income.compareTo(loosest.incomeLine()) < 0);
                if (candidate) {
                    candidates.add(new Object[]{rs.getObject(1), medical, rs.getObject(3), rs.getObject(4), loss, income});
                }
            }
        }
        List<Integer> unmatchedRows = new ArrayList<>();
        if (matched < counts[1]) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select r.row_no from " + staging + " r "
                    + "where not exists (select 1 from registry_person p join registry_household h on h.id = p.household_id "
                    + "and h.status = 'ACTIVE' where p.id_number_hash = r.id_number_hash and " + scopeSql + ") limit " + MAX_LISTED)) {
                // no ORDER BY: the staging table is read in the order COPY wrote it, so the scan stops early
                while (rs.next()) {
                    unmatchedRows.add(rs.getInt(1));
                }
            }
            unmatchedRows.sort(null);
        }
        int warnings = flag(candidates, month);
        final int matchedRows = matched;
        int unmatched = counts[1] - matched;
        long millis = (System.nanoTime() - start) / 1_000_000;
        String actor = scope.actor();
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery("""
                        insert into screening (id, department, month, file_name, uploaded_by, uploaded_at, rows, valid, malformed,
                          matched, unmatched, warnings, millis) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)""")
                .setParameter(1, id).setParameter(2, department).setParameter(3, month.toString()).setParameter(4, fileName)
                .setParameter(5, actor).setParameter(6, OffsetDateTime.now()).setParameter(7, counts[0])
                .setParameter(8, counts[1]).setParameter(9, counts[2]).setParameter(10, matchedRows).setParameter(11, unmatched)
                .setParameter(12, warnings).setParameter(13, millis).executeUpdate());
        LOG.infof("screening %s by %s: %d rows, %d malformed, %d matched, %d warnings in %d ms", id, department,
                counts[0], counts[2], matched, warnings, millis);
        return new Report(id, department, month.toString(), counts[0], counts[1], counts[2], matched, unmatched, warnings,
                millis, problems, unmatchedRows);
    }

    /** Evaluates each candidate with its household's rule set and flags the findings, a batch per transaction. */
    private int flag(List<Object[]> candidates, YearMonth month) {
        int[] flagged = {0};
        Map<String, RuleSet> ruleCache = new HashMap<>();
        String actor = scope.actor();
        for (int from = 0; from < candidates.size(); from += FLAG_BATCH) {
            List<Object[]> batch = candidates.subList(from, Math.min(candidates.size(), from + FLAG_BATCH));
            QuarkusTransaction.requiringNew().run(() -> {
                for (Object[] r : batch) {
                    Households.Ref h = households.find((UUID) r[0]).orElse(null);
                    if (h == null) {
                        continue;
                    }
                    RuleSet rs = ruleCache.computeIfAbsent(h.regionCode(), rc -> rules.resolve(rc, month.getYear()));
                    var facts = new RiskRules.Facts((BigDecimal) r[5], null, (BigDecimal) r[1], false, false, false, false,
                            Boolean.TRUE.equals(r[2]), Boolean.TRUE.equals(r[3]), (BigDecimal) r[4], null);
                    for (RiskRules.Finding f : RiskRules.evaluate(facts, rs)) {
                        risks.flag(h, new RiskRules.Finding(f.category(), f.severity(), "部门数据筛查: " + f.evidence()),
                                Source.SCREENING, month, actor);
                        flagged[0]++;
                    }
                }
            });
        }
        return flagged[0];
    }

    private jakarta.persistence.EntityManager em() {
        return jakarta.enterprise.inject.spi.CDI.current().select(jakarta.persistence.EntityManager.class).get();
    }

    /** Inlines the scope filter's parameters (region prefixes and site codes from the token, quoted). */
    static String toSql(DataScope.Filter f) {
        String sql = f.jpql();
        for (Map.Entry<String, Object> e : f.params().entrySet()) {
            String value;
            if (e.getValue() instanceof List<?> list) {
                value = String.join(", ", list.stream().map(v -> quote(v.toString())).toList());
            } else {
                value = quote(e.getValue().toString());
            }
            sql = sql.replace(":" + e.getKey(), value);
        }
        return sql;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * The COPY CSV line of a checked row (the slow path; {@link FastCsv} writes the same bytes directly): the ID
     * number's keyed hash, never the number, so the staging table matches the registry copy and holds nothing more.
     */
    static byte[] copyLine(ScreeningRows.Row r, StringBuilder line, Mac idHash) {
        line.setLength(0);
        line.append(r.rowNo()).append(',')
                .append(IdNumberHash.hex(idHash.doFinal(r.idNumber().getBytes(StandardCharsets.US_ASCII)))).append(',');
        append(line, r.medicalExpense()).append(',');
        append(line, r.disability() == null ? null : r.disability() ? "t" : "f").append(',');
        append(line, r.unemployed() == null ? null : r.unemployed() ? "t" : "f").append(',');
        append(line, r.disasterLoss()).append(',');
        append(line, r.income()).append('\n');
        return line.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String firstLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    private static StringBuilder append(StringBuilder sb, Object v) {
        return v == null ? sb : sb.append(v instanceof BigDecimal d ? d.toPlainString() : v.toString());
    }
}
