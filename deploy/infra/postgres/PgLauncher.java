import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL server (zonky's binaries from Maven Central) on a fixed port with a persistent
 * data directory, creates the suite's databases if missing and stays up until killed.
 * Usage: java -cp 'lib/*' PgLauncher.java <dataDir> <port> <db1,db2,...>
 */
public class PgLauncher {
    public static void main(String[] args) throws Exception {
        File dataDir = new File(args[0]);
        int port = Integer.parseInt(args[1]);
        String[] dbs = args.length > 2 ? args[2].split(",") : new String[0];
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "*")
                .setServerConfig("fsync", "on")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'resettle') THEN "
                    + "CREATE ROLE resettle LOGIN PASSWORD 'resettle'; END IF; END $$");
            for (String db : dbs) {
                if (db.isBlank()) continue;
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db.replace("'", "") + "'")) {
                    if (!rs.next()) {
                        st.execute("CREATE DATABASE \"" + db + "\" OWNER resettle");
                    }
                }
            }
        }
        System.out.println("POSTGRES READY on port " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { pg.close(); } catch (Exception ignored) { }
        }));
        new CountDownLatch(1).await();
    }
}
