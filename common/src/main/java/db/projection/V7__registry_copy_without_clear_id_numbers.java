package db.projection;

import cn.resettle.common.security.IdNumberHash;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The registry copy stops holding clear ID numbers and birth dates: each person keeps the keyed hash of the number
 * (to tell people apart and to match screening files), its masked form and the birth year. Existing rows are hashed
 * here with the configured key ({@code resettle.privacy.id-hash-key}, which is why this is a Java migration), then
 * the clear columns are dropped and the table rewritten so the dropped values do not linger in its pages.
 * Does nothing in a database without a registry copy (Quarkus offers every Java migration to every service).
 */
public class V7__registry_copy_without_clear_id_numbers extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!hasColumn(c, "registry_person", "id_number")) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("alter table registry_person add column id_number_hash varchar(64), "
                    + "add column id_number_masked varchar(18), add column birth_year smallint");
            st.execute("update registry_person set id_number_masked = left(id_number, 6) || '********' || right(id_number, 4), "
                    + "birth_year = extract(year from birth_date)");
        }
        IdNumberHash hash = new IdNumberHash();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select id, id_number from registry_person");
             PreparedStatement up = c.prepareStatement("update registry_person set id_number_hash = ? where id = ?")) {
            int n = 0;
            while (rs.next()) {
                up.setString(1, hash.of(rs.getString(2)));
                up.setObject(2, rs.getObject(1, UUID.class));
                up.addBatch();
                if (++n % 1000 == 0) {
                    up.executeBatch();
                }
            }
            up.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            st.execute("drop index if exists registry_person_id_number");
            st.execute("alter table registry_person drop column id_number, drop column birth_date");
            // a type change rewrites the table: the dropped columns' values are gone from its pages, not just hidden
            st.execute("alter table registry_person alter column birth_year type int, "
                    + "alter column id_number_hash set not null, alter column id_number_masked set not null");
            st.execute("create unique index registry_person_id_number_hash on registry_person (id_number_hash)");
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from information_schema.columns "
                + "where table_schema = current_schema() and table_name = ? and column_name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
