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
