import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a steady rate: one monthly visit per household (income below the line, so each flags a risk),
 * sent through the gateway at RATE per second, never waiting for answers before sending the next (no coordinated
 * omission). Usage: java LoopLoad.java <gateway> <token> <rate> <householdIdsFile> <month>
 */
public class LoopLoad {
    public static void main(String[] a) throws Exception {
        String gateway = a[0], token = a[1];
        int rate = Integer.parseInt(a[2]);
        List<String> households = Files.readAllLines(Path.of(a[3])).stream().filter(s -> !s.isBlank()).toList();
        String month = a[4];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inflight = new CopyOnWriteArrayList<>();
        for (int i = 0; i < households.size(); i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String body = "{\"householdId\":\"" + households.get(i) + "\",\"visitMonth\":\"" + month
                    + "\",\"visitedOn\":\"" + LocalDate.now() + "\",\"perCapitaIncome\":5000}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(gateway + "/api/monitoring/visits"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inflight.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet())
                    .exceptionally(e -> {
                        statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                        return null;
                    }));
        }
        double sentIn = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).join();
        System.out.printf("sent %d visits in %.1f s (%.1f/s); answers by status: %s%n", households.size(), sentIn,
                households.size() / sentIn, statuses);
    }
}
