package cn.resettle.common.inbox;

import cn.resettle.common.events.EventCodec;
import cn.resettle.common.inbox.FailureClassifier.Kind;
import cn.resettle.common.testing.TestIds;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is retried forever, what waits, what is dead-lettered, and what a dead letter's reason may say. */
class FailureClassifierTest {

    static RuntimeException wrapped(Throwable cause) {
        // as Hibernate and Narayana wrap a JDBC failure
        return new jakarta.persistence.PersistenceException("could not execute statement",
                new RuntimeException("wrapper", cause));
    }

    @Test
    void anUnreachableDatabaseIsInfrastructureNotAReasonToDeadLetter() {
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new SQLException("Connection to localhost:5432 refused", "08001"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new SQLException(
                "FATAL: database \"employment_e2e\" is not currently accepting connections", "55000"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new SQLException("Sorry, acquisition timeout!"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new SQLTransientConnectionException("pool"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new SQLException("could not serialize access", "40001"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new SQLException("deadlock detected", "40P01"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(wrapped(new ConnectException("Connection refused"))));
        assertEquals(Kind.INFRASTRUCTURE, FailureClassifier.classify(
                new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata")));
    }

    @Test
    void aFailureOfTheEventItselfIsDeadLetteredAndAMissingFactWaits() {
        assertEquals(Kind.MALFORMED, FailureClassifier.classify(new EventCodec.MalformedEventException("event without id")));
        assertEquals(Kind.PERMANENT, FailureClassifier.classify(wrapped(new SQLException("value too long", "22001"))));
        assertEquals(Kind.PERMANENT, FailureClassifier.classify(new IllegalArgumentException("No enum constant")));
        assertEquals(Kind.NOT_YET_KNOWN, FailureClassifier.classify(wrapped(
                new NotYetKnownException(java.util.UUID.randomUUID(), "registry copy of household"))));
    }

    @Test
    void theReasonCarriesNoPersonalData() {
        String id = TestIds.citizenId(1980, 1, 1, true);
        String reason = FailureClassifier.reason(wrapped(new SQLException(
                "ERROR: duplicate key value violates unique constraint \"registry_person_id_number_key\"\n"
                        + "  Detail: Key (id_number)=(" + id + ") already exists.", "23505")));
        assertFalse(reason.contains(id), reason);
        assertTrue(reason.contains("23505") && reason.contains("registry_person_id_number_key"), reason);

        String inline = FailureClassifier.reason(new IllegalStateException("Key (id_number, name)=(" + id + ", 张三) already exists"));
        assertFalse(inline.contains(id) || inline.contains("张三"), inline);

        String quoted = FailureClassifier.reason(new EventCodec.MalformedEventException(
                "payload does not match: Cannot deserialize value of type LocalDate from String \"" + id + "\" 13800138000"));
        assertFalse(quoted.contains(id) || quoted.contains("13800138000"), quoted);
        assertTrue(quoted.startsWith("MalformedEventException"), quoted);
    }
}
