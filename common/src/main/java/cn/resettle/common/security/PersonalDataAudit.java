package cn.resettle.common.security;

import cn.resettle.common.web.RequestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Records who read (or exported) whose personal data. Written in its own transaction so a read is audited even
 * when the read itself is not transactional; kept in {@code audit_log} of the service that served the data.
 */
@ApplicationScoped
public class PersonalDataAudit {

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    CurrentVertxRequest request;

    public void read(String subjectType, Object subjectId) {
        record("READ", subjectType, subjectId == null ? null : subjectId.toString(), null);
    }

    /** A list read: one row naming how many records and which filter, not one row per record. */
    public void list(String subjectType, int count, String filter) {
        record("LIST", subjectType, null, (count + " records; " + (filter == null ? "" : filter)));
    }

    public void export(String subjectType, int count, String filter) {
        record("EXPORT", subjectType, null, (count + " records; " + (filter == null ? "" : filter)));
    }

    private void record(String action, String subjectType, String subjectId, String detail) {
        String actor = scope.actor();
        String roles = join(scope.roles());
        String path = request.getCurrent() == null ? null : request.getCurrent().normalizedPath();
        String requestId = RequestIds.current();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into audit_log (actor, roles, action, subject_type, subject_id, request_id, path, detail) "
                                + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, actor).setParameter(2, roles).setParameter(3, action).setParameter(4, subjectType)
                .setParameter(5, subjectId).setParameter(6, requestId).setParameter(7, truncate(path, 512))
                .setParameter(8, truncate(detail, 512)).executeUpdate());
    }

    private static String join(Collection<String> c) {
        return truncate(c.stream().sorted().collect(Collectors.joining(",")), 256);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
