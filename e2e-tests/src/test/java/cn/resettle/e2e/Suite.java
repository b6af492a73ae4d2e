package cn.resettle.e2e;

import io.restassured.RestAssured;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the packaged suite once per test JVM: the infrastructure through the project's own script (real
 * PostgreSQL, Kafka, Keycloak; already-running parts are left alone), then the five service jars on their own
 * ports ({@code E2E_PORT_BASE}, default 18080, to +4) with their own databases (*_e2e, cleaned at start), their own
 * topics ({@link #TOPIC_PREFIX}) and consumer groups, and waits until the gateway reports every service ready. The
 * processes stop when the JVM exits. Ports of the infrastructure come from the same environment variables that
 * deploy/local/infra.sh reads (PG_PORT, KAFKA_PORT, KEYCLOAK_PORT), inherited by the service processes.
 */
public final class Suite {

    static final int PORT_BASE = Integer.parseInt(System.getenv().getOrDefault("E2E_PORT_BASE", "18080"));
    public static final int GATEWAY_PORT = PORT_BASE;
    /** This run's topics: nothing a suite running on the same broker publishes or consumes. */
    public static final String TOPIC_PREFIX = System.getenv().getOrDefault("TEST_TOPIC_PREFIX", "test.") + "e2e.";
    static final String PG_PORT = System.getenv().getOrDefault("PG_PORT", "15432");
    public static final String KAFKA = "localhost:" + System.getenv().getOrDefault("KAFKA_PORT", "9092");
    public static final String GATEWAY = "http://localhost:" + GATEWAY_PORT;
    static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final Map<String, Process> BY_MODULE = new LinkedHashMap<>();
    private static final Map<String, Map<String, String>> ENV = new LinkedHashMap<>();
    private static boolean started;
    private static OtlpReceiver traces;

    private Suite() {
    }

    public static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        infra("up");
        try {
            traces = new OtlpReceiver(PORT_BASE + 9);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the trace receiver on port " + (PORT_BASE + 9), e);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("community", PORT_BASE + 1);
        ports.put("monitoring", PORT_BASE + 2);
        ports.put("employment", PORT_BASE + 3);
        ports.put("industry", PORT_BASE + 4);
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            String svc = e.getKey();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("HTTP_PORT", e.getValue().toString());
            env.put("DB_URL", "jdbc:postgresql://localhost:" + PG_PORT + "/" + svc + "_e2e");
            env.put("TOPIC_PREFIX", TOPIC_PREFIX);
            env.put("FLYWAY_CLEAN_DISABLED", "false");
            env.put("FLYWAY_CLEAN_AT_START", "true");
            env.put("KAFKA_GROUP_ID", svc + "-e2e-" + run);
            if (svc.equals("community")) {
                // CommunityGovernanceIT: a registration-transfer request is overdue 5 s after filing; escalation looks every second
                env.put("REQUEST_ACCEPT_HOUSEHOLD_REGISTRATION", "PT5S");
                env.put("REQUEST_ESCALATION_CHECK", "1s");
            }
            tracing(env);
            launch(svc + "-service", env);
        }
        Map<String, String> gw = new LinkedHashMap<>();
        gw.put("HTTP_PORT", String.valueOf(GATEWAY_PORT));
        ports.forEach((svc, port) -> gw.put(svc.toUpperCase() + "_URL", "http://localhost:" + port));
        gw.put("CORS_ORIGINS", "http://localhost:5173");
        tracing(gw);
        launch("gateway", gw);
        Runtime.getRuntime().addShutdownHook(new Thread(Suite::stop));
        waitReady();
        RestAssured.baseURI = GATEWAY;
    }

    /** The spans every process of the suite exported (TraceIT). */
    public static OtlpReceiver traces() {
        return traces;
    }

    /** Tracing on, exporting to {@link #traces()} (OTLP/HTTP, spans sent every 500 ms). */
    private static void tracing(Map<String, String> env) {
        env.put("OTEL_SDK_DISABLED", "false");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms");
    }

    static void launch(String module, Map<String, String> env) {
        File jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toFile();
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them)");
        }
        try {
            Path logs = ROOT.resolve("e2e-tests/target/e2e-logs");
            Files.createDirectories(logs);
            if (Files.exists(logs.resolve(module + ".log")) && BY_MODULE.containsKey(module)) {
                Files.move(logs.resolve(module + ".log"), logs.resolve(module + "." + System.currentTimeMillis() + ".log"));
            }
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.getPath())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(module + ".log").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            PROCESSES.add(p);
            BY_MODULE.put(module, p);
            ENV.put(module, new LinkedHashMap<>(env));
        } catch (IOException ex) {
            throw new IllegalStateException("cannot start " + module, ex);
        }
    }

    /** The port of a service, e.g. {@code servicePort("employment")}. */
    public static int servicePort(String svc) {
        return Integer.parseInt(ENV.get(svc + "-service").get("HTTP_PORT"));
    }

    /** An environment variable a service process was started with, e.g. {@code env("employment", "KAFKA_GROUP_ID")}. */
    public static String env(String svc, String name) {
        return ENV.get(svc + "-service").get(name);
    }

    /** Kills a service's process without warning (SIGKILL: no shutdown hook, no offset commit, no flush). */
    public static void kill(String svc) throws InterruptedException {
        Process p = BY_MODULE.get(svc + "-service");
        PROCESSES.remove(p);
        p.destroyForcibly(); // SIGKILL on Unix
        p.waitFor();
    }

    /** Starts a killed service again on its database as it was (no clean at start) and waits until it is ready. */
    public static void restart(String svc) {
        Map<String, String> env = new LinkedHashMap<>(ENV.get(svc + "-service"));
        env.put("FLYWAY_CLEAN_AT_START", "false");
        launch(svc + "-service", env);
        waitReady();
    }

    /** A JDBC connection to the suite's PostgreSQL server (maintenance database), as the services' role. */
    public static java.sql.Connection postgres() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + PG_PORT + "/postgres", "resettle", "resettle");
    }

    static void waitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Process p : PROCESSES) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a service exited during start; see e2e-tests/target/e2e-logs");
                }
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException | InterruptedException e) {
                last = e.toString();
            }
            sleepQuietly(500);
        }
        throw new IllegalStateException("the suite did not become ready in 120 s: " + last);
    }

    static void stop() {
        PROCESSES.forEach(Process::destroy);
        for (Process p : PROCESSES) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    /** Runs deploy/local/infra.sh with the given arguments, e.g. {@code infra("down", "kafka")}. */
    public static void infra(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(ROOT.resolve("deploy/local/infra.sh").toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms); // polling interval of the readiness probe loop, not a wait for an outcome
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
