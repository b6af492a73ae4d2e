package cn.resettle.common.testing;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fires requests at the same moment for real: each runs on its own thread, all held at a latch until every one is
 * ready, so they reach the service together (as two officials clicking "approve" at once do).
 */
public final class Concurrently {

    private Concurrently() {
    }

    @SafeVarargs
    public static List<Response> run(Supplier<Response>... requests) {
        return run(() -> { }, requests);
    }

    /**
     * Makes the race certain rather than likely: the test holds {@code lockSql} (e.g. {@code lock table visit in
     * share row exclusive mode}, or {@code select … for update}) in its own transaction, fires the requests, waits
     * until every one of them is blocked behind that lock in PostgreSQL, and only then lets them go, together.
     */
    @SafeVarargs
    public static List<Response> blockedBehind(javax.sql.DataSource db, String lockSql, Supplier<Response>... requests) {
        try (java.sql.Connection lock = db.getConnection()) {
            lock.setAutoCommit(false);
            try (var st = lock.createStatement()) {
                st.execute(lockSql);
            }
            return run(() -> {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> waiting(db) >= requests.length);
                try {
                    lock.commit();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, requests);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long waiting(javax.sql.DataSource db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                     + "and wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SafeVarargs
    private static List<Response> run(Runnable whileInFlight, Supplier<Response>... requests) {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        CountDownLatch ready = new CountDownLatch(requests.length);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Supplier<Response> r : requests) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return r.get();
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("request threads did not start");
            }
            go.countDown();
            whileInFlight.run();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The status codes, sorted: a race won once and refused once is {@code [200, 409]} or {@code [201, 409]}. */
    public static List<Integer> statuses(List<Response> responses) {
        return responses.stream().map(Response::statusCode).sorted().toList();
    }
}
