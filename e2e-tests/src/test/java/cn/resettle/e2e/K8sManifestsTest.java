package cn.resettle.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders every overlay under {@code deploy/k8s/overlays} with {@code kubectl kustomize} (offline: no cluster) and
 * checks what an operator relies on, on every object: each Deployment hardened (non-root, read-only root with a
 * writable /tmp, no capabilities, RuntimeDefault seccomp, no service-account token), with startup/readiness/liveness
 * probes, requests and limits, and a JVM heap that leaves room under the memory limit; a PodDisruptionBudget and
 * (except local) a HorizontalPodAutoscaler selecting it; every Secret referenced produced by an ExternalSecret, an
 * operator (KafkaUser, the Kafka cluster CA) or, for local, by generate-local-secrets.sh, and no Secret in clear;
 * a default-deny NetworkPolicy; a KafkaTopic for every topic the services' application.properties name; each
 * KafkaUser writing only its own topics and reading only what its service consumes; the production realm without
 * password grant, with PKCE and brute-force protection.
 * <p>
 * Schema validation is by hand, not against the operators' CRD schemas (their model classes are not on Maven
 * Central here): each kind must have a known apiVersion and the fields the operator cannot do without, and
 * cross-references (topic -> Kafka cluster, Database -> Cluster, realm import -> Keycloak) must resolve.
 * Runs with surefire (no servers needed); needs kubectl on the PATH.
 */
class K8sManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final List<String> SERVICES = List.of("community", "monitoring", "employment", "industry");
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    /** kind -> the apiVersion the manifests must use (the versions the documented operators serve). */
    static final Map<String, String> API = Map.ofEntries(
            Map.entry("Namespace", "v1"), Map.entry("ConfigMap", "v1"), Map.entry("Service", "v1"),
            Map.entry("Deployment", "apps/v1"), Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"), Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("Kafka", "kafka.strimzi.io/v1beta2"), Map.entry("KafkaNodePool", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"), Map.entry("KafkaUser", "kafka.strimzi.io/v1beta2"),
            Map.entry("Cluster", "postgresql.cnpg.io/v1"), Map.entry("Database", "postgresql.cnpg.io/v1"),
            Map.entry("ScheduledBackup", "postgresql.cnpg.io/v1"),
            Map.entry("Keycloak", "k8s.keycloak.org/v2alpha1"),
            Map.entry("KeycloakRealmImport", "k8s.keycloak.org/v2alpha1"),
            Map.entry("ExternalSecret", "external-secrets.io/v1"),
            Map.entry("ServiceMonitor", "monitoring.coreos.com/v1"), Map.entry("PrometheusRule", "monitoring.coreos.com/v1"));

    static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        List<String> overlays;
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            overlays = dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertTrue(overlays.containsAll(List.of("local", "county", "province")), "overlays present: " + overlays);
        for (String overlay : overlays) {
            String out = run(List.of("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString()), Map.of());
            RENDERED.put(overlay, docs(out));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOverlay() {
        return RENDERED.entrySet().stream().flatMap(e -> {
            String o = e.getKey();
            List<JsonNode> objs = e.getValue();
            return Stream.of(
                    DynamicTest.dynamicTest(o + ": every object has a known apiVersion and its required fields", () -> schema(o, objs)),
                    DynamicTest.dynamicTest(o + ": every Deployment is hardened, probed and sized", () -> deployments(o, objs)),
                    DynamicTest.dynamicTest(o + ": a PDB and (except local) an HPA select every Deployment", () -> budgets(o, objs)),
                    DynamicTest.dynamicTest(o + ": every Secret referenced is produced, none is in clear", () -> secrets(o, objs)),
                    DynamicTest.dynamicTest(o + ": default-deny NetworkPolicies", () -> networkPolicies(o, objs)),
                    DynamicTest.dynamicTest(o + ": a KafkaTopic for every topic the services name", () -> topics(o, objs)),
                    DynamicTest.dynamicTest(o + ": each KafkaUser writes only its own topics, reads only what it consumes", () -> acls(o, objs)),
                    DynamicTest.dynamicTest(o + ": production-grade realm", () -> realm(o, objs)),
                    DynamicTest.dynamicTest(o + ": metrics scraped, alerts and dashboard on real metric names, /q/* not exposed", () -> observability(o, objs)));
        });
    }

    /** Every Deployment runs the image the build produces (deploy/image/build.sh: Jib's {@code to.image} in pom.xml). */
    @Test
    void deploymentsRunTheImagesTheBuildProduces() throws IOException {
        Matcher m = Pattern.compile("<to><image>([^<]+)</image></to>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), "pom.xml names the images Jib builds");
        String pattern = m.group(1);
        RENDERED.forEach((o, objs) -> of(objs, "Deployment").forEach(d -> {
            String expected = pattern.replace("${project.artifactId}", name(d));
            d.path("spec").path("template").path("spec").path("containers").forEach(c ->
                    assertEquals(expected, c.path("image").asText(), o + " " + name(d) + ": the image the build produces"));
        }));
    }

    // ---------------------------------------------------------------------------------------------------------------

    static void schema(String o, List<JsonNode> objs) {
        Set<String> kafkas = names(objs, "Kafka"), clusters = names(objs, "Cluster"), keycloaks = names(objs, "Keycloak");
        assertEquals(1, kafkas.size(), o + ": one Kafka");
        assertEquals(1, clusters.size(), o + ": one PostgreSQL Cluster");
        assertEquals(1, keycloaks.size(), o + ": one Keycloak");
        for (JsonNode obj : objs) {
            String kind = obj.path("kind").asText(), where = o + " " + kind + "/" + name(obj);
            assertTrue(API.containsKey(kind), where + ": a kind this test does not know; add its checks");
            assertEquals(API.get(kind), obj.path("apiVersion").asText(), where + ": apiVersion");
            assertFalse(name(obj).isBlank(), where + ": metadata.name");
            if (!kind.equals("Namespace")) {
                assertEquals("resettle", obj.path("metadata").path("namespace").asText(), where + ": namespace");
            }
            JsonNode spec = obj.path("spec");
            switch (kind) {
                case "Deployment" -> {
                    require(where, spec, "selector/matchLabels", "template/spec/containers");
                    JsonNode sel = spec.path("selector").path("matchLabels"), labels = spec.path("template").path("metadata").path("labels");
                    sel.fields().forEachRemaining(f -> assertEquals(f.getValue(), labels.path(f.getKey()), where + ": selector matches the pod labels"));
                    // ConfigMaps named by the pods exist (kustomize renames generated ones and their references)
                    for (JsonNode c : spec.path("template").path("spec").path("containers")) {
                        for (JsonNode ef : c.path("envFrom")) {
                            if (ef.has("configMapRef")) assertTrue(names(objs, "ConfigMap").contains(ef.path("configMapRef").path("name").asText()),
                                    where + ": ConfigMap " + ef.path("configMapRef").path("name").asText() + " exists");
                        }
                    }
                }
                case "Service" -> {
                    require(where, spec, "selector", "ports");
                    assertTrue(of(objs, "Deployment").stream().anyMatch(d -> selects(spec.path("selector"),
                            d.path("spec").path("template").path("metadata").path("labels"))), where + ": selects a Deployment's pods");
                }
                case "Ingress" -> {
                    require(where, spec, "rules");
                    for (JsonNode rule : spec.path("rules")) for (JsonNode path : rule.path("http").path("paths")) {
                        assertTrue(names(objs, "Service").contains(path.path("backend").path("service").path("name").asText()),
                                where + ": backend Service exists");
                    }
                }
                case "PodDisruptionBudget" -> {
                    require(where, spec, "selector/matchLabels");
                    assertTrue(spec.has("minAvailable") ^ spec.has("maxUnavailable"), where + ": minAvailable or maxUnavailable");
                }
                case "HorizontalPodAutoscaler" -> {
                    require(where, spec, "scaleTargetRef/name", "minReplicas", "maxReplicas", "metrics");
                    assertTrue(names(objs, "Deployment").contains(spec.path("scaleTargetRef").path("name").asText()), where + ": target exists");
                    assertTrue(spec.path("minReplicas").asInt() <= spec.path("maxReplicas").asInt(), where + ": min <= max");
                }
                case "NetworkPolicy" -> require(where, spec, "podSelector", "policyTypes");
                case "Kafka" -> {
                    require(where, spec, "kafka/listeners", "kafka/authorization/type", "entityOperator/topicOperator",
                            "entityOperator/userOperator");
                    assertEquals("false", spec.path("kafka").path("config").path("auto.create.topics.enable").asText(),
                            where + ": topics only from KafkaTopic resources");
                    assertEquals("enabled", obj.path("metadata").path("annotations").path("strimzi.io/node-pools").asText(), where + ": node pools (KRaft)");
                    spec.path("kafka").path("listeners").forEach(l -> assertFalse(l.path("authentication").path("type").asText().isEmpty(),
                            where + ": listener " + l.path("name").asText() + " authenticates"));
                }
                case "KafkaNodePool", "KafkaTopic", "KafkaUser" -> {
                    assertTrue(kafkas.contains(obj.path("metadata").path("labels").path("strimzi.io/cluster").asText()),
                            where + ": strimzi.io/cluster names the Kafka");
                    if (kind.equals("KafkaNodePool")) require(where, spec, "replicas", "roles", "storage");
                    if (kind.equals("KafkaTopic")) require(where, spec, "topicName", "partitions", "replicas");
                    if (kind.equals("KafkaUser")) require(where, spec, "authentication/type", "authorization/acls");
                }
                case "Cluster" -> require(where, spec, "instances", "storage/size", "managed/roles");
                case "Database" -> {
                    require(where, spec, "name", "owner", "cluster/name");
                    assertTrue(clusters.contains(spec.path("cluster").path("name").asText()), where + ": cluster exists");
                    JsonNode cluster = byName(objs, "Cluster", spec.path("cluster").path("name").asText());
                    Set<String> roles = new TreeSet<>();
                    cluster.path("spec").path("managed").path("roles").forEach(r -> roles.add(r.path("name").asText()));
                    assertTrue(roles.contains(spec.path("owner").asText()), where + ": owner is a managed role " + roles);
                }
                case "ScheduledBackup" -> {
                    require(where, spec, "schedule", "cluster/name");
                    assertTrue(clusters.contains(spec.path("cluster").path("name").asText()), where + ": cluster exists");
                    assertEquals(6, spec.path("schedule").asText().trim().split("\\s+").length, where + ": six-field cron (seconds first)");
                    assertTrue(byName(objs, "Cluster", spec.path("cluster").path("name").asText()).path("spec").has("backup"),
                            where + ": the cluster has a backup destination");
                }
                case "Keycloak" -> require(where, spec, "db/host", "db/database", "hostname/hostname", "http");
                case "KeycloakRealmImport" -> {
                    require(where, spec, "keycloakCRName", "realm/realm");
                    assertTrue(keycloaks.contains(spec.path("keycloakCRName").asText()), where + ": keycloakCRName exists");
                }
                case "ExternalSecret" -> {
                    require(where, spec, "secretStoreRef/name", "target/name", "data");
                    assertTrue(spec.path("data").size() > 0, where + ": data");
                }
                default -> { }
            }
        }
    }

    static void deployments(String o, List<JsonNode> objs) {
        List<JsonNode> deps = of(objs, "Deployment");
        assertEquals(Set.of("gateway", "community-service", "monitoring-service", "employment-service", "industry-service"),
                names(objs, "Deployment"), o + ": the five Deployments");
        for (JsonNode d : deps) {
            String where = o + " Deployment/" + name(d);
            JsonNode pod = d.path("spec").path("template").path("spec");
            assertEquals("false", pod.path("automountServiceAccountToken").asText(), where + ": automountServiceAccountToken false");
            JsonNode psc = pod.path("securityContext");
            assertEquals("true", psc.path("runAsNonRoot").asText(), where + ": pod runAsNonRoot");
            assertTrue(psc.path("runAsUser").asInt() > 0, where + ": pod runs as a fixed non-root uid");
            assertEquals("RuntimeDefault", psc.path("seccompProfile").path("type").asText(), where + ": seccomp RuntimeDefault");
            Map<String, JsonNode> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            for (JsonNode c : pod.path("containers")) {
                String cw = where + " container " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                assertEquals("true", sc.path("runAsNonRoot").asText(), cw + ": runAsNonRoot");
                assertEquals("false", sc.path("allowPrivilegeEscalation").asText(), cw + ": allowPrivilegeEscalation false");
                assertEquals("true", sc.path("readOnlyRootFilesystem").asText(), cw + ": readOnlyRootFilesystem");
                assertFalse(sc.path("privileged").asBoolean(false), cw + ": not privileged");
                assertTrue(texts(sc.path("capabilities").path("drop")).contains("ALL"), cw + ": capabilities drop ALL");
                assertTrue(sc.path("capabilities").path("add").isMissingNode() || sc.path("capabilities").path("add").isEmpty(), cw + ": adds no capability");
                assertTrue(sc.path("seccompProfile").isMissingNode() || "RuntimeDefault".equals(sc.path("seccompProfile").path("type").asText()), cw + ": seccomp");
                // a writable /tmp (the JVM's, Vert.x's and the multipart uploads' temp folder) from an emptyDir
                JsonNode tmp = null;
                for (JsonNode m : c.path("volumeMounts")) if (m.path("mountPath").asText().equals("/tmp")) tmp = m;
                assertTrue(tmp != null, cw + ": /tmp mounted");
                assertTrue(volumes.getOrDefault(tmp.path("name").asText(), JSON.nullNode()).has("emptyDir"), cw + ": /tmp is an emptyDir");
                // probes on the Quarkus health endpoints
                assertEquals("/q/health/started", c.path("startupProbe").path("httpGet").path("path").asText(), cw + ": startup probe");
                assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText(), cw + ": readiness probe");
                assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText(), cw + ": liveness probe");
                // requests and limits; memory request = limit (no overcommit that ends in an OOM kill on a busy node)
                JsonNode res = c.path("resources");
                require(cw, res, "requests/cpu", "requests/memory", "limits/memory", "limits/cpu");
                long limit = bytes(res.path("limits").path("memory").asText());
                assertEquals(limit, bytes(res.path("requests").path("memory").asText()), cw + ": memory request = limit");
                // the JVM's heap, metaspace and code cache are bounded and leave room (threads, buffers, GC) under the limit
                String opts = env(c, "JAVA_OPTS_APPEND");
                assertTrue(opts != null, cw + ": JAVA_OPTS_APPEND");
                double pct = Double.parseDouble(flag(opts, "-XX:MaxRAMPercentage=([0-9.]+)", cw));
                long meta = bytes(flag(opts, "-XX:MaxMetaspaceSize=(\\w+)", cw));
                long code = bytes(flag(opts, "-XX:ReservedCodeCacheSize=(\\w+)", cw));
                long heap = (long) (limit * pct / 100);
                long needed = heap + meta + code + 128L * 1024 * 1024;
                assertTrue(needed <= limit, cw + ": heap " + mib(heap) + " + metaspace " + mib(meta) + " + code cache " + mib(code)
                        + " + 128 MiB native = " + mib(needed) + " must fit the " + mib(limit) + " limit");
                assertTrue(heap >= 96L * 1024 * 1024, cw + ": heap at least 96 MiB (" + mib(heap) + ")");
                assertFalse(c.path("image").asText().endsWith(":latest"), cw + ": pinned image");
            }
        }
    }

    static void budgets(String o, List<JsonNode> objs) {
        boolean local = o.equals("local");
        for (JsonNode d : of(objs, "Deployment")) {
            String where = o + " Deployment/" + name(d);
            JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
            long pdbs = of(objs, "PodDisruptionBudget").stream()
                    .filter(p -> selects(p.path("spec").path("selector").path("matchLabels"), labels)).count();
            assertEquals(1, pdbs, where + ": one PodDisruptionBudget selects it");
            List<JsonNode> hpas = of(objs, "HorizontalPodAutoscaler").stream()
                    .filter(h -> h.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment")
                            && h.path("spec").path("scaleTargetRef").path("name").asText().equals(name(d))).toList();
            if (local) {
                assertEquals(0, hpas.size(), where + ": no HPA in local");
                assertEquals(1, d.path("spec").path("replicas").asInt(), where + ": one replica in local");
                continue;
            }
            assertEquals(1, hpas.size(), where + ": one HPA");
            JsonNode hpa = hpas.get(0);
            assertEquals(d.path("spec").path("replicas").asInt(), hpa.path("spec").path("minReplicas").asInt(), where + ": HPA min = replicas");
            assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2, where + ": at least two replicas (a drain keeps one)");
            // a consumer group spreads over at most as many replicas as the topic has partitions
            String svc = name(d).replace("-service", "");
            if (SERVICES.contains(svc)) {
                for (String topic : consumed(svc)) {
                    JsonNode t = topic(objs, topic);
                    assertTrue(hpa.path("spec").path("maxReplicas").asInt() <= t.path("spec").path("partitions").asInt(),
                            where + ": HPA maxReplicas <= partitions of " + topic);
                }
            }
        }
    }

    static void secrets(String o, List<JsonNode> objs) throws Exception {
        assertEquals(0, of(objs, "Secret").size(), o + ": no Secret in the rendered manifests (nothing secret in git)");
        // name -> keys it will have (empty set: produced by an operator, keys not checked)
        Map<String, Set<String>> produced = new HashMap<>();
        for (JsonNode u : of(objs, "KafkaUser")) produced.put(name(u), Set.of("password", "sasl.jaas.config"));
        for (JsonNode k : of(objs, "Kafka")) produced.put(name(k) + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        for (JsonNode es : of(objs, "ExternalSecret")) {
            produced.put(es.path("spec").path("target").path("name").asText(), keys(es.path("spec").path("data"), "secretKey"));
        }
        if (o.equals("local")) {
            assertEquals(0, of(objs, "ExternalSecret").size(), "local uses generated secrets");
            Path out = Files.createTempFile("local-secrets", ".yaml");
            Files.delete(out);
            run(List.of("bash", K8S.resolve("generate-local-secrets.sh").toString()), Map.of("OUT", out.toString()));
            try {
                for (JsonNode s : docs(Files.readString(out))) {
                    assertEquals("Secret", s.path("kind").asText());
                    assertEquals("resettle", s.path("metadata").path("namespace").asText(), "generated secret's namespace");
                    Set<String> k = new TreeSet<>();
                    s.path("data").fieldNames().forEachRemaining(k::add);
                    k.forEach(key -> assertTrue(s.path("data").path(key).asText().length() >= 8, "generated " + name(s) + "." + key + " is not empty"));
                    produced.put(name(s), k);
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } else {
            assertTrue(of(objs, "ExternalSecret").size() > 0, o + ": production secrets come from ExternalSecrets");
        }
        Map<String, Set<String>> referenced = new LinkedHashMap<>();
        for (JsonNode obj : objs) collectSecretRefs(obj, null, referenced);
        assertTrue(referenced.keySet().containsAll(Set.of("community-db", "resettle-privacy", "community-service")),
                o + ": the reference walk finds the services' secrets: " + referenced.keySet());
        for (var r : referenced.entrySet()) {
            assertTrue(produced.containsKey(r.getKey()), o + ": Secret " + r.getKey() + " is referenced but nothing produces it");
            Set<String> have = produced.get(r.getKey());
            for (String key : r.getValue()) {
                assertTrue(have.contains(key), o + ": Secret " + r.getKey() + " has no key " + key + " (has " + have + ")");
            }
        }
        // the ID-hash key is the same Secret for every service that hashes ID numbers
        for (String svc : SERVICES) {
            JsonNode c = byName(objs, "Deployment", svc + "-service").path("spec").path("template").path("spec").path("containers").get(0);
            JsonNode ref = envRef(c, "RESETTLE_PRIVACY_ID_HASH_KEY");
            assertEquals("resettle-privacy", ref.path("name").asText(), o + " " + svc + ": ID hash key from resettle-privacy");
            assertEquals(svc + "-service", envRef(c, "KAFKA_SASL_JAAS_CONFIG").path("name").asText(), o + " " + svc + ": its own KafkaUser");
            assertEquals(svc + "-db", envRef(c, "DB_PASSWORD").path("name").asText(), o + " " + svc + ": its own database role");
        }
    }

    static void networkPolicies(String o, List<JsonNode> objs) {
        boolean denyAll = of(objs, "NetworkPolicy").stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && texts(p.path("spec").path("policyTypes")).containsAll(Set.of("Ingress", "Egress"))
                && p.path("spec").path("ingress").isEmpty() && p.path("spec").path("egress").isEmpty());
        assertTrue(denyAll, o + ": a NetworkPolicy denying all ingress and egress to every pod");
        // the gateway is the only way in: no policy lets anything but the gateway reach a backend
        for (JsonNode p : of(objs, "NetworkPolicy")) {
            JsonNode sel = p.path("spec").path("podSelector").path("matchLabels");
            if (!"backend".equals(sel.path("resettle/tier").asText())) continue;
            for (JsonNode rule : p.path("spec").path("ingress")) {
                for (JsonNode from : rule.path("from")) {
                    assertEquals("gateway", from.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText(),
                            o + " NetworkPolicy/" + name(p) + ": backends take traffic from the gateway only");
                    assertTrue(from.path("namespaceSelector").isMissingNode() && from.path("ipBlock").isMissingNode(),
                            o + " NetworkPolicy/" + name(p) + ": same namespace only");
                }
            }
        }
    }

    static void topics(String o, List<JsonNode> objs) throws IOException {
        Set<String> declared = new TreeSet<>();
        for (JsonNode t : of(objs, "KafkaTopic")) declared.add(t.path("spec").path("topicName").asText());
        Set<String> used = new TreeSet<>();
        for (String svc : SERVICES) {
            used.add("resettle." + svc + ".events"); // the outbox topic (common's Topics, TaskService)
            used.addAll(topicsOf(svc).values().stream().flatMap(Set::stream).toList());
        }
        assertTrue(used.contains("resettle.monitoring.dlq"), "dead-letter topics are read from application.properties: " + used);
        for (String t : used) assertTrue(declared.contains(t), o + ": KafkaTopic for " + t + " (declared " + declared + ")");
        for (JsonNode t : of(objs, "KafkaTopic")) {
            int replicas = t.path("spec").path("replicas").asInt();
            int minIsr = t.path("spec").path("config").path("min.insync.replicas").asInt(1);
            int nodes = of(objs, "KafkaNodePool").stream().mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
            assertTrue(replicas <= nodes, o + " " + name(t) + ": replicas <= brokers");
            assertTrue(minIsr <= replicas && (replicas == 1 || minIsr < replicas), o + " " + name(t) + ": min.insync.replicas below replicas");
            assertFalse(t.path("metadata").path("annotations").path("resettle/key").asText().isEmpty(), o + " " + name(t) + ": key documented");
        }
    }

    static void acls(String o, List<JsonNode> objs) throws IOException {
        assertEquals(Set.of("community-service", "monitoring-service", "employment-service", "industry-service"),
                names(objs, "KafkaUser"), o + ": one KafkaUser per service, none for the gateway");
        Set<String> writeOps = Set.of("Write", "Create", "Delete", "Alter", "AlterConfigs", "All");
        for (JsonNode u : of(objs, "KafkaUser")) {
            String svc = name(u).replace("-service", ""), where = o + " KafkaUser/" + name(u);
            Set<String> own = Set.of("resettle." + svc + ".events", "resettle." + svc + ".dlq");
            Set<String> readable = new TreeSet<>(consumed(svc));
            readable.add("resettle." + svc + ".dlq");
            for (JsonNode acl : u.path("spec").path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                Set<String> ops = texts(acl.path("operations"));
                if (acl.has("operation")) ops.add(acl.path("operation").asText());
                String type = r.path("type").asText(), rn = r.path("name").asText();
                assertFalse(rn.contains("*") || rn.isEmpty(), where + ": no wildcard resource");
                assertFalse(acl.path("type").asText().equals("deny"), where + ": allow rules only");
                switch (type) {
                    case "topic" -> {
                        assertEquals("literal", r.path("patternType").asText("literal"), where + ": literal topic names");
                        if (ops.stream().anyMatch(writeOps::contains)) {
                            assertTrue(own.contains(rn), where + ": writes only its own topics, not " + rn);
                        }
                        if (ops.contains("Read")) {
                            assertTrue(readable.contains(rn), where + ": reads only what it consumes, not " + rn);
                        }
                    }
                    case "group" -> assertTrue(rn.startsWith(name(u)), where + ": its own consumer groups, not " + rn);
                    default -> fail(where + ": unexpected ACL resource " + type);
                }
            }
            // and it can do what the service needs
            for (String t : own) assertTrue(grants(u, t, "Write"), where + ": may write " + t);
            for (String t : consumed(svc)) assertTrue(grants(u, t, "Read"), where + ": may read " + t);
        }
    }

    static void realm(String o, List<JsonNode> objs) throws IOException {
        JsonNode imp = of(objs, "KeycloakRealmImport").get(0), realm = imp.path("spec").path("realm");
        String where = o + " realm " + realm.path("realm").asText();
        assertEquals("resettle", realm.path("realm").asText());
        assertTrue(realm.path("bruteForceProtected").asBoolean(), where + ": brute-force protection");
        assertTrue(realm.path("accessTokenLifespan").asInt() > 0 && realm.path("accessTokenLifespan").asInt() <= 900, where + ": short access tokens");
        assertTrue(realm.path("revokeRefreshToken").asBoolean(), where + ": refresh tokens used once");
        assertFalse(realm.path("registrationAllowed").asBoolean(), where + ": no self-registration");
        for (JsonNode user : realm.path("users")) {
            assertTrue(user.path("credentials").isMissingNode() || user.path("credentials").isEmpty(), where + ": no user has a password in git");
            assertFalse(user.path("serviceAccountClientId").asText().isEmpty(), where + ": only service accounts, no people");
        }
        Map<String, JsonNode> clients = new HashMap<>();
        realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
        for (JsonNode c : realm.path("clients")) {
            String cw = where + " client " + c.path("clientId").asText();
            assertFalse(c.path("directAccessGrantsEnabled").asBoolean(true), cw + ": no password grant");
            assertFalse(c.path("implicitFlowEnabled").asBoolean(true), cw + ": no implicit flow");
            if (c.has("secret")) assertTrue(c.path("secret").asText().matches("\\$\\{[A-Z_]+}"), cw + ": secret is a placeholder");
            for (JsonNode uri : c.path("redirectUris")) assertFalse(uri.asText().equals("*") || uri.asText().equals("/*"), cw + ": no open redirect");
        }
        JsonNode web = clients.get("resettle-web"), gov = clients.get("gov-exchange");
        assertTrue(web.path("publicClient").asBoolean() && web.path("standardFlowEnabled").asBoolean(), where + ": front end: authorization code");
        assertEquals("S256", web.path("attributes").path("pkce.code.challenge.method").asText(), where + ": PKCE S256");
        assertTrue(gov.path("serviceAccountsEnabled").asBoolean() && !gov.path("standardFlowEnabled").asBoolean(true), where + ": client credentials only");
        imp.path("spec").path("placeholders").fields().forEachRemaining(p ->
                assertFalse(p.getValue().path("secret").path("name").asText().isEmpty(), where + ": placeholder " + p.getKey() + " from a Secret"));
        for (JsonNode c : realm.path("clients")) {
            Set<String> mappers = new TreeSet<>();
            c.path("protocolMappers").forEach(m -> mappers.add(m.path("config").path("claim.name").asText(m.path("config").path("included.custom.audience").asText())));
            assertTrue(mappers.containsAll(Set.of("region_codes", "site_codes", "resettle-api")), where + ": claims and audience on " + c.path("clientId").asText());
        }
        // the realm in git is what generate-realm.py --production writes, and the import carries it unchanged
        JsonNode file = JSON.readTree(K8S.resolve("infra/keycloak/realm-production.json").toFile());
        JsonNode crFile = JSON.readTree(K8S.resolve("infra/keycloak/realm-import.json").toFile());
        assertEquals(file, crFile.path("spec").path("realm"), "realm-import.json carries realm-production.json");
    }

    @Test
    void productionRealmIsWhatTheGeneratorWrites() throws Exception {
        Path before = K8S.resolve("infra/keycloak/realm-production.json");
        String committed = Files.readString(before);
        String local = Files.readString(ROOT.resolve("deploy/keycloak/resettle-realm.json"));
        run(List.of("python3", ROOT.resolve("deploy/keycloak/generate-realm.py").toString(), "--production"), Map.of());
        assertEquals(committed, Files.readString(before), "realm-production.json is generated: run generate-realm.py --production");
        assertEquals(local, Files.readString(ROOT.resolve("deploy/keycloak/resettle-realm.json")), "--production leaves the local realm alone");
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** Topics per channel (incoming topic(s) and dead-letter topic) named in a service's application.properties. */
    /**
     * County and province: a ServiceMonitor scrapes /q/metrics on every suite Service, Prometheus may reach them
     * (NetworkPolicy from the monitoring namespace), every alert has an expression, a severity and a runbook, and
     * every {@code resettle_*} series the alerts and the dashboard use is one the code registers (DeliveryMetrics),
     * so a renamed metric cannot leave an alert silently reading nothing. Everywhere: the Ingress exposes the API and
     * its documents, never /q/* (health, metrics).
     */
    static void observability(String o, List<JsonNode> objs) throws IOException {
        for (JsonNode ing : of(objs, "Ingress")) {
            for (JsonNode rule : ing.path("spec").path("rules")) for (JsonNode path : rule.path("http").path("paths")) {
                String p = path.path("path").asText();
                assertTrue(p.startsWith("/api") || p.startsWith("/openapi"), o + " Ingress exposes only /api and /openapi, not " + p);
            }
        }
        if (o.equals("local")) {
            return;
        }
        Set<String> registered = new TreeSet<>();
        Matcher m = Pattern.compile("\"(resettle(\\.[a-z]+)+)\"").matcher(Files.readString(
                ROOT.resolve("common/src/main/java/cn/resettle/common/metrics/DeliveryMetrics.java")));
        while (m.find()) {
            registered.add(m.group(1).replace('.', '_'));
        }
        List<JsonNode> monitors = of(objs, "ServiceMonitor");
        assertEquals(1, monitors.size(), o + ": one ServiceMonitor");
        JsonNode sm = monitors.get(0).path("spec");
        assertEquals("/q/metrics", sm.path("endpoints").path(0).path("path").asText(), o + ": scrapes /q/metrics");
        Set<String> scraped = new TreeSet<>();
        for (JsonNode svc : of(objs, "Service")) {
            if (selects(sm.path("selector").path("matchLabels"), svc.path("metadata").path("labels"))) {
                scraped.add(name(svc));
                Set<String> ports = new TreeSet<>();
                svc.path("spec").path("ports").forEach(port -> ports.add(port.path("name").asText()));
                assertTrue(ports.contains(sm.path("endpoints").path(0).path("port").asText()), o + " " + name(svc) + ": has the scraped port");
            }
        }
        assertEquals(Set.of("gateway", "community-service", "monitoring-service", "employment-service", "industry-service"), scraped,
                o + ": the ServiceMonitor selects every suite Service and nothing else");
        assertTrue(of(objs, "NetworkPolicy").stream().anyMatch(np -> np.path("spec").path("ingress").toString().contains("\"monitoring\"")),
                o + ": a NetworkPolicy admits Prometheus from the monitoring namespace");
        StringBuilder exprs = new StringBuilder();
        for (JsonNode rule : of(objs, "PrometheusRule")) {
            for (JsonNode group : rule.path("spec").path("groups")) for (JsonNode r : group.path("rules")) {
                String where = o + " alert " + r.path("alert").asText();
                require(where, r, "alert", "expr", "labels/severity", "annotations/runbook");
                exprs.append(r.path("expr").asText()).append('\n');
            }
        }
        assertTrue(exprs.length() > 0, o + ": alert rules present");
        JsonNode dashboard = of(objs, "ConfigMap").stream().filter(c -> "1".equals(c.path("metadata").path("labels").path("grafana_dashboard").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(o + ": a Grafana dashboard ConfigMap"));
        JsonNode dash = JSON.readTree(dashboard.path("data").elements().next().asText());
        assertTrue(dash.path("panels").size() > 0, o + ": dashboard has panels");
        dash.path("panels").forEach(panel -> panel.path("targets").forEach(tg -> exprs.append(tg.path("expr").asText()).append('\n')));
        Matcher used = Pattern.compile("resettle_[a-z_]+").matcher(exprs);
        while (used.find()) {
            String series = used.group().replaceAll("_(total|bucket|count|sum)$", "");
            assertTrue(registered.contains(series), o + ": alert/dashboard series " + used.group() + " is registered by the code " + registered);
        }
    }

    static Map<String, Set<String>> topicsOf(String svc) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve(svc + "-service/src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Pattern key = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|topics|dead-letter-queue\\.topic)");
        for (String k : p.stringPropertyNames()) {
            Matcher m = key.matcher(k);
            if (!m.matches()) continue;
            String kind = m.group(3).startsWith("dead") ? "dlq:" : m.group(1) + ":";
            for (String t : p.getProperty(k).split(",")) {
                out.computeIfAbsent(kind + m.group(2), x -> new TreeSet<>()).add(t.trim().replace("${resettle.kafka.topic-prefix:}", ""));
            }
        }
        assertFalse(out.isEmpty(), svc + ": channels found");
        return out;
    }

    /** Topics the service's consumers read (not its own dead letters). */
    static Set<String> consumed(String svc) {
        try {
            Set<String> own = Set.of("resettle." + svc + ".dlq");
            Set<String> out = new TreeSet<>();
            topicsOf(svc).forEach((k, v) -> { if (k.startsWith("incoming:")) v.stream().filter(t -> !own.contains(t)).forEach(out::add); });
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean grants(JsonNode user, String topic, String op) {
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            if (acl.path("resource").path("type").asText().equals("topic") && acl.path("resource").path("name").asText().equals(topic)
                    && (texts(acl.path("operations")).contains(op) || acl.path("operation").asText().equals(op))) return true;
        }
        return false;
    }

    /** Walks an object for Secret references: name -> keys used. */
    static void collectSecretRefs(JsonNode node, String field, Map<String, Set<String>> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                String k = e.getKey();
                JsonNode v = e.getValue();
                switch (k) {
                    case "secretKeyRef", "passwordSecret", "usernameSecret", "accessKeyId", "secretAccessKey" -> {
                        if (v.has("name")) add(out, v.path("name").asText(), v.path("key").asText(null));
                    }
                    case "secretRef" -> add(out, v.path("name").asText(), null);
                    case "secretName", "tlsSecret" -> { if (v.isTextual()) add(out, v.asText(), null); }
                    case "secret" -> {
                        if (v.has("secretName")) {
                            add(out, v.path("secretName").asText(), null);
                            v.path("items").forEach(i -> add(out, v.path("secretName").asText(), i.path("key").asText()));
                        } else if (v.has("name")) {
                            add(out, v.path("name").asText(), v.path("key").asText(null));
                        }
                    }
                    default -> { }
                }
                if (!k.equals("secret") || !v.has("secretName")) collectSecretRefs(v, k, out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectSecretRefs(n, field, out));
        }
    }

    static void add(Map<String, Set<String>> out, String name, String key) {
        Set<String> keys = out.computeIfAbsent(name, x -> new TreeSet<>());
        if (key != null && !key.isEmpty()) keys.add(key);
    }

    static Set<String> keys(JsonNode data, String field) {
        Set<String> out = new TreeSet<>();
        data.forEach(d -> out.add(d.path(field).asText()));
        return out;
    }

    static JsonNode envRef(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) return e.path("valueFrom").path("secretKeyRef");
        }
        fail(container.path("name").asText() + ": no env " + name);
        return null;
    }

    static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name) && e.has("value")) return e.path("value").asText();
        }
        return null;
    }

    static String flag(String opts, String regex, String where) {
        Matcher m = Pattern.compile(regex).matcher(opts);
        assertTrue(m.find(), where + ": JAVA_OPTS_APPEND sets " + regex.replaceAll("\\(.*", ""));
        return m.group(1);
    }

    static long bytes(String q) {
        Matcher m = Pattern.compile("([0-9.]+)([a-zA-Z]*)").matcher(q.trim());
        assertTrue(m.matches(), "quantity " + q);
        double n = Double.parseDouble(m.group(1));
        long mult = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "k", "K" -> 1000L;
            case "Ki" -> 1024L;
            case "M" -> 1000L * 1000;
            case "m" -> 1024L * 1024; // JVM flags (-XX:MaxMetaspaceSize=160m)
            case "Mi" -> 1024L * 1024;
            case "G" -> 1000L * 1000 * 1000;
            case "g", "Gi" -> 1024L * 1024 * 1024;
            default -> throw new AssertionError("unit of " + q);
        };
        return (long) (n * mult);
    }

    static String mib(long b) {
        return (b / (1024 * 1024)) + " MiB";
    }

    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isEmpty()) return false;
        Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().equals(labels.path(e.getKey()))) return false;
        }
        return true;
    }

    static JsonNode topic(List<JsonNode> objs, String topicName) {
        return of(objs, "KafkaTopic").stream().filter(t -> t.path("spec").path("topicName").asText().equals(topicName))
                .findFirst().orElseThrow(() -> new AssertionError("no KafkaTopic " + topicName));
    }

    static void require(String where, JsonNode node, String... paths) {
        for (String p : paths) {
            JsonNode n = node;
            for (String part : p.split("/")) n = n.path(part);
            assertFalse(n.isMissingNode() || n.isNull(), where + ": required field spec/" + p);
        }
    }

    static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<JsonNode> of(List<JsonNode> objs, String kind) {
        return objs.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static Set<String> names(List<JsonNode> objs, String kind) {
        Set<String> out = new TreeSet<>();
        of(objs, kind).forEach(o -> out.add(name(o)));
        return out;
    }

    static JsonNode byName(List<JsonNode> objs, String kind, String name) {
        return of(objs, kind).stream().filter(o -> name(o).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    static String name(JsonNode obj) {
        return obj.path("metadata").path("name").asText();
    }

    static List<JsonNode> docs(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode() && n.size() > 0) out.add(n);
            }
        }
        return out;
    }

    static String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().putAll(env);
        Path err = Files.createTempFile("k8s-test", ".err");
        pb.redirectError(err.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(cmd.get(0) + " is needed on the PATH for this test (" + e.getMessage() + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " finished");
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed: " + stderr);
        return out;
    }
}
