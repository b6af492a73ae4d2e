package cn.resettle.common.security;

import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.common.web.RequestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records who read (or exported) whose personal data: one {@code audit_log} row per response, naming every household
 * the response showed ({@code household_ids}, a uuid array: a county ledger of 20 000 households is one row, not
 * 100 000) and whether it showed ID numbers and phones in clear ({@code unmasked}). Written in the read's transaction
 * when it runs in one (the row commits with the read, before the response goes out: one commit per request, no second
 * connection), else in its own transaction, so a read is audited even when it is not transactional; kept in the
 * service that served the data.
 * {@link #trail} is what an auditor queries.
 */
@ApplicationScoped
public class PersonalDataAudit {

    @Inject
    cn.resettle.common.metrics.DeliveryMetrics metrics;

    @Inject
    EntityManager em;
    @Inject
    DataScope scope;
    @Inject
    CurrentVertxRequest request;
    @Inject
    jakarta.transaction.TransactionManager transactions;

    /** One household shown in detail. */
    public void read(String subjectType, UUID householdId, boolean unmasked) {
        record("READ", subjectType, householdId == null ? null : householdId.toString(),
                householdId == null ? List.of() : List.of(householdId), unmasked, null);
    }

    /** A page of a list: the households on it. */
    public void list(String subjectType, Collection<UUID> householdIds, boolean unmasked, String filter) {
        record("LIST", subjectType, null, householdIds, unmasked, householdIds.size() + " records; " + nz(filter));
    }

    /** An export (Excel ledger): every household in it, in one row. */
    public void export(String subjectType, Collection<UUID> householdIds, boolean unmasked, String filter) {
        record("EXPORT", subjectType, null, householdIds, unmasked, householdIds.size() + " records; " + nz(filter));
    }

    /** An export whose rows are not households (counts only). */
    public void export(String subjectType, int count, String filter) {
        record("EXPORT", subjectType, null, List.of(), false, count + " records; " + nz(filter));
    }

    public void read(String subjectType, Object subjectId) {
        record("READ", subjectType, subjectId == null ? null : subjectId.toString(), List.of(), false, null);
    }

    private void record(String action, String subjectType, String subjectId, Collection<UUID> householdIds,
                        boolean unmasked, String detail) {
        String actor = scope.actor();
        String roles = join(scope.roles());
        String path = request.getCurrent() == null ? null : request.getCurrent().normalizedPath();
        String requestId = RequestIds.current();
        String ids = householdIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        Runnable insert = () -> em.createNativeQuery(
                        "insert into audit_log (actor, roles, action, subject_type, subject_id, request_id, path, detail, "
                                + "household_ids, unmasked) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as uuid[]), ?10)")
                .setParameter(1, actor).setParameter(2, roles).setParameter(3, action).setParameter(4, subjectType)
                .setParameter(5, subjectId).setParameter(6, requestId).setParameter(7, truncate(path, 512))
                .setParameter(8, truncate(detail, 512)).setParameter(9, ids).setParameter(10, unmasked).executeUpdate();
        if (inActiveTransaction()) {
            // the read's own transaction: the row commits with it, before the response is written (a read that fails
            // and rolls back showed nothing); no second connection, no suspend/resume, one commit per request
            insert.run();
        } else {
            QuarkusTransaction.requiringNew().run(insert);
        }
        metrics.auditWritten(action, unmasked);
    }

    private boolean inActiveTransaction() {
        try {
            return transactions.getStatus() == jakarta.transaction.Status.STATUS_ACTIVE;
        } catch (jakarta.transaction.SystemException e) {
            return false;
        }
    }

    /** One audit row as an auditor sees it; {@code householdIds} is cut to the ones asked about when a person or household was named. */
    public record Entry(long id, OffsetDateTime at, String actor, String roles, String action, String subjectType,
                        String subjectId, String requestId, String path, String detail, boolean unmasked,
                        int householdCount, List<UUID> householdIds) {
    }

    /**
     * The audit trail, newest first: rows that showed any of {@code households} (null: any), by {@code actor}
     * (null: anyone), from {@code from} (inclusive) to {@code to} (exclusive), only those that showed data in clear
     * when {@code unmaskedOnly}.
     */
    public PageResult<Entry> trail(Collection<UUID> households, String actor, OffsetDateTime from, OffsetDateTime to,
                                   boolean unmaskedOnly, PageRequest page) {
        cn.resettle.common.web.ListQuery q = cn.resettle.common.web.ListQuery.where("true")
                .and("a.actor = :actor", "actor", actor)
                .and("a.at >= :from", "from", from)
                .and("a.at < :to", "to", to)
                .andIf(unmaskedOnly, "a.unmasked");
        if (households != null) {
            q.and("a.household_ids && cast(:households as uuid[])")
                    .param("households", households.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
        }
        String shown = households == null ? "null"
                : "array(select x from unnest(a.household_ids) x where x = any(cast(:households as uuid[])))";
        return q.nativePage(em, "a.id, a.at, a.actor, a.roles, a.action, a.subject_type, a.subject_id, a.request_id, a.path, "
                        + "a.detail, a.unmasked, coalesce(cardinality(a.household_ids), 0) as household_count, "
                        + "cast(" + shown + " as text) as shown", "audit_log a", "a.at desc, a.id desc", page,
                r -> new Entry(((Number) r.get("id")).longValue(), cn.resettle.common.web.SqlValues.time(r.get("at")),
                        (String) r.get("actor"), (String) r.get("roles"), (String) r.get("action"), (String) r.get("subject_type"),
                        (String) r.get("subject_id"), (String) r.get("request_id"), (String) r.get("path"), (String) r.get("detail"),
                        Boolean.TRUE.equals(r.get("unmasked")), ((Number) r.get("household_count")).intValue(),
                        uuids((String) r.get("shown"))));
    }

    private static List<UUID> uuids(String pgArray) {
        if (pgArray == null || pgArray.length() <= 2) {
            return List.of();
        }
        return Arrays.stream(pgArray.substring(1, pgArray.length() - 1).split(",")).map(UUID::fromString).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String join(Collection<String> c) {
        return truncate(c.stream().sorted().collect(Collectors.joining(",")), 256);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
