import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * One-shot setup of the local PostgreSQL server (started by deploy/local/infra.sh with pg_ctl): creates the
 * suite's login role and every database that is missing, then exits.
 * Usage: java -cp 'lib/*' PgSetup.java <port> <db1,db2,...>
 */
public class PgSetup {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String[] dbs = args.length > 1 ? args[1].split(",") : new String[0];
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'resettle') THEN "
                    + "CREATE ROLE resettle LOGIN PASSWORD 'resettle'; END IF; END $$");
            for (String db : dbs) {
                if (!db.matches("[a-z0-9_]+")) {
                    continue;
                }
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                st.execute("CREATE DATABASE \"" + db + "\" OWNER resettle");
            }
        }
        System.out.println("POSTGRES READY on port " + port);
    }
}
