package cn.resettle.common.web;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every POST, once, for every service (draft-ietf-httpapi-idempotency-key-header).
 * <ul>
 *   <li>the first request with a key runs as usual; its answer (status, body, {@code Location}) is kept per caller
 *       (token subject) and key for {@code resettle.idempotency.retention} (a day);</li>
 *   <li>the same key with the same request returns that first answer again, with {@code Idempotent-Replayed: true},
 *       and changes nothing;</li>
 *   <li>the same key with another request (method, path, query or body differ) is 422;</li>
 *   <li>the same key while the first request is still running is 409 with {@code Retry-After};</li>
 *   <li>a first request that failed with a 5xx keeps nothing, so a retry runs again.</li>
 * </ul>
 * Requests without the header behave as before. Only JSON (or empty) bodies take part: an upload is not buffered
 * (imports are idempotent by household number on their own).
 */
@Provider
@Priority(Priorities.USER + 100)
public class IdempotencyKeys implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final String PROPERTY = IdempotencyKeys.class.getName();
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final int MAX_BODY = 1 << 20;

    @Inject
    SecurityIdentity identity;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "resettle.idempotency.retention", defaultValue = "P1D")
    Duration retention;
    /**
     * A claim still "in progress" after this long belongs to a request that will never answer (its process was stopped
     * or died before recording the answer): the same request with the same key takes it over instead of getting 409
     * until the daily purge.
     */
    @ConfigProperty(name = "resettle.idempotency.abandoned-after", defaultValue = "PT2M")
    Duration abandonedAfter;

    record Claim(String principal, String key) {
    }

    @Override
    public void filter(ContainerRequestContext req) throws IOException {
        String key = req.getHeaderString(HEADER);
        if (key == null || !"POST".equals(req.getMethod())) {
            return;
        }
        key = key.strip();
        if (key.startsWith("\"") && key.endsWith("\"") && key.length() > 2) {
            key = key.substring(1, key.length() - 1); // the draft sends it as a structured-field string
        }
        if (!VALID.matcher(key).matches()) {
            throw DomainException.invalid(HEADER, "must be 1 to 255 visible ASCII characters (a UUID is a good key)");
        }
        MediaType type = req.getMediaType();
        if (type != null && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.getSubtype().endsWith("+json")) {
            return;
        }
        byte[] body = readBody(req);
        String principal = principal();
        String path = req.getUriInfo().getRequestUri().getRawPath();
        String query = req.getUriInfo().getRequestUri().getRawQuery();
        String hash = sha256(req.getMethod(), path, query == null ? "" : query, body);
        final String k = key;
        Object[] existing = QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("insert into idempotency_key (principal, idem_key, request_hash, method, path) "
                            + "values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                    .setParameter(1, principal).setParameter(2, k).setParameter(3, hash)
                    .setParameter(4, req.getMethod()).setParameter(5, truncate(path, 1000)).executeUpdate();
            if (inserted == 1) {
                return null;
            }
            // an abandoned claim of the same request is taken over (a request still running holds it for less)
            int taken = em.createNativeQuery("update idempotency_key set created_at = now() where principal = ?1 and idem_key = ?2 "
                            + "and request_hash = ?3 and status is null and created_at < ?4")
                    .setParameter(1, principal).setParameter(2, k).setParameter(3, hash)
                    .setParameter(4, OffsetDateTime.now().minus(abandonedAfter)).executeUpdate();
            if (taken == 1) {
                return null;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select request_hash, status, content_type, location, body "
                            + "from idempotency_key where principal = ?1 and idem_key = ?2")
                    .setParameter(1, principal).setParameter(2, k).getResultList();
            return rows.isEmpty() ? new Object[]{hash, null, null, null, null} : rows.get(0);
        });
        if (existing == null) {
            req.setProperty(PROPERTY, new Claim(principal, key));
            return;
        }
        if (!hash.equals(existing[0])) {
            throw DomainException.unprocessable("idempotency-key-reused",
                    "this Idempotency-Key was already used for a different request; use a new key for a new request");
        }
        if (existing[1] == null) {
            throw new DomainException(409, "idempotency-key-in-progress", "请求处理中 Request in progress",
                    "a request with this Idempotency-Key is still being processed; retry in a moment");
        }
        Response.ResponseBuilder replay = Response.status((Integer) existing[1]).header(REPLAYED, "true");
        if (existing[2] != null) {
            replay.type((String) existing[2]);
        }
        if (existing[3] != null) {
            replay.header(HttpHeaders.LOCATION, existing[3]);
        }
        if (existing[4] != null) {
            replay.entity(((String) existing[4]).getBytes(StandardCharsets.UTF_8));
        }
        req.abortWith(replay.build());
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        if (!(req.getProperty(PROPERTY) instanceof Claim claim)) {
            return;
        }
        req.removeProperty(PROPERTY);
        if (res.getStatus() >= 500) {
            QuarkusTransaction.requiringNew().run(() -> em
                    .createNativeQuery("delete from idempotency_key where principal = ?1 and idem_key = ?2")
                    .setParameter(1, claim.principal()).setParameter(2, claim.key()).executeUpdate());
            return;
        }
        String body;
        try {
            Object entity = res.getEntity();
            body = entity == null ? null : entity instanceof String s ? s
                    : entity instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : mapper.writeValueAsString(entity);
        } catch (IOException e) {
            body = null;
        }
        MediaType type = res.getMediaType();
        String contentType = type == null ? null : type.toString();
        if (contentType == null && body != null) {
            // the entity is not written yet: the answer will be JSON (every resource here produces JSON or problems)
            contentType = res.getEntity() instanceof Problem ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON;
        }
        Object location = res.getHeaders().getFirst(HttpHeaders.LOCATION);
        String answer = body;
        String ct = contentType;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update idempotency_key set status = ?1, "
                        + "content_type = ?2, location = ?3, body = ?4, completed_at = now() where principal = ?5 and idem_key = ?6")
                .setParameter(1, res.getStatus()).setParameter(2, ct)
                .setParameter(3, location == null ? null : truncate(location.toString(), 1000))
                .setParameter(4, answer).setParameter(5, claim.principal()).setParameter(6, claim.key()).executeUpdate());
    }

    @Scheduled(every = "1h", delayed = "15m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from idempotency_key where created_at < ?1")
                .setParameter(1, OffsetDateTime.now().minus(retention)).executeUpdate());
    }

    private String principal() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return truncate(jwt.getSubject(), 128);
        }
        return truncate(identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName(), 128);
    }

    private static byte[] readBody(ContainerRequestContext req) throws IOException {
        if (!req.hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.getEntityStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new DomainException(413, "payload-too-large", "请求过大 Payload too large",
                        "a JSON body with an Idempotency-Key may be at most 1 MB");
            }
            req.setEntityStream(new ByteArrayInputStream(body));
            return body;
        }
    }

    static String sha256(String method, String path, String query, byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((method + ' ' + path + '?' + query + '\n').getBytes(StandardCharsets.UTF_8));
            md.update(body);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
