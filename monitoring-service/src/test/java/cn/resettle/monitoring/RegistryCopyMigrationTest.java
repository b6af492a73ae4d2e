package cn.resettle.monitoring;

import cn.resettle.common.security.IdNumberHash;
import cn.resettle.common.testing.TestIds;
import db.projection.V7__registry_copy_without_clear_id_numbers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration that takes clear ID numbers out of an existing registry copy, run on a copy that holds some (in a
 * schema of its own): each person keeps the keyed hash, the masked number and the birth year, and nothing in the
 * table's rows still spells the number or the birth date.
 */
@QuarkusTest
class RegistryCopyMigrationTest {

    @Inject
    AgroalDataSource db;
    @Inject
    IdNumberHash hash;

    @Test
    void anExistingCopyIsHashedAndLosesItsClearNumbers() throws Exception {
        String id = TestIds.citizenId(1958, 8, 18, true);
        String schema = "v7check_" + System.nanoTime();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("create schema " + schema);
            try {
                st.execute("set search_path to " + schema);
                try (InputStream in = getClass().getResourceAsStream("/db/projection/V2__registry_projection.sql")) {
                    st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                st.execute("insert into registry_household (id, version, household_no, region_code, relocation_type, "
                        + "placement_type, status, member_count, updated_at) values ('00000000-0000-0000-0000-000000000001', "
                        + "1, 'H1', '360732100', 'POVERTY', 'CENTRALIZED', 'ACTIVE', 1, now())");
                st.execute("insert into registry_person (id, household_id, id_number, name, gender, birth_date, status) "
                        + "values (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', '" + id + "', '老户主', 'M', "
                        + "'" + id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14) + "', 'ACTIVE')");

                new V7__registry_copy_without_clear_id_numbers().migrate(new Context() {
                    @Override
                    public Configuration getConfiguration() {
                        return null;
                    }

                    @Override
                    public Connection getConnection() {
                        return c;
                    }
                });

                try (ResultSet rs = st.executeQuery("select id_number_hash, id_number_masked, birth_year, p::text from registry_person p")) {
                    assertTrue(rs.next());
                    assertEquals(hash.of(id), rs.getString(1));
                    assertEquals(id.substring(0, 6) + "********" + id.substring(14), rs.getString(2));
                    assertEquals(Integer.parseInt(id.substring(6, 10)), rs.getInt(3));
                    assertFalse(rs.getString(4).contains(id.substring(6, 14)), rs.getString(4));
                }
                try (ResultSet rs = st.executeQuery("select count(*) from information_schema.columns where table_schema = '"
                        + schema + "' and table_name = 'registry_person' and column_name in ('id_number', 'birth_date')")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1));
                }
            } finally {
                st.execute("set search_path to public");
                st.execute("drop schema " + schema + " cascade");
            }
        }
    }
}
