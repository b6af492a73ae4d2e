package cn.resettle.common.inbox;

import cn.resettle.common.events.EventCodec;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what a failed event deserves. An <b>infrastructure</b> failure (database unreachable, pool exhausted,
 * lock or serialization conflict, broker unavailable) says nothing about the event: it is retried until it
 * succeeds. An event whose facts have <b>not arrived yet</b> waits in the deferred table. Only a failure of the
 * event itself (<b>malformed</b>, or <b>permanent</b>: a constraint it violates, an illegal argument) is ever
 * dead-lettered. {@link #reason(Throwable)} gives a reason without personal data, fit for a DLQ header or a listing.
 */
public final class FailureClassifier {

    public enum Kind { INFRASTRUCTURE, NOT_YET_KNOWN, MALFORMED, PERMANENT }

    private static final Set<String> INFRA_CLASSES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.QueryTimeoutException",
            "org.apache.kafka.common.errors.RetriableException",
            "java.util.concurrent.TimeoutException");

    private FailureClassifier() {
    }

    public static Kind classify(Throwable t) {
        for (Throwable c : chain(t)) {
            if (c instanceof NotYetKnownException) {
                return Kind.NOT_YET_KNOWN;
            }
        }
        for (Throwable c : chain(t)) {
            if (isInfrastructure(c)) {
                return Kind.INFRASTRUCTURE;
            }
        }
        for (Throwable c : chain(t)) {
            if (c instanceof EventCodec.MalformedEventException) {
                return Kind.MALFORMED;
            }
        }
        return Kind.PERMANENT;
    }

    static boolean isInfrastructure(Throwable c) {
        if (c instanceof SQLTransientException || c instanceof SQLRecoverableException
                || c instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (c instanceof SQLException s) {
            String state = s.getSQLState();
            String msg = String.valueOf(s.getMessage());
            if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                    || state.startsWith("58") || state.startsWith("40") || state.startsWith("28")
                    || state.equals("55P03") || state.equals("3D000"))) {
                return true;
            }
            if (msg.contains("accepting connections") || msg.contains("acquisition timeout")
                    || msg.contains("Connection refused") || msg.contains("connection has been closed")
                    || msg.contains("This connection has been closed") || msg.contains("terminating connection")) {
                return true;
            }
        }
        if (c instanceof java.net.ConnectException || c instanceof java.net.SocketException
                || c instanceof java.net.SocketTimeoutException || c instanceof java.io.EOFException
                || c instanceof java.net.UnknownHostException) {
            return true;
        }
        for (Class<?> k = c.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            if (INFRA_CLASSES.contains(k.getName())) {
                return true;
            }
        }
        String msg = String.valueOf(c.getMessage());
        // Narayana: the transaction timed out while the database did not answer
        return msg.contains("ARJUNA016102") || msg.contains("ARJUNA012117") || msg.contains("Unable to acquire JDBC Connection");
    }

    private static final Pattern KEY_DETAIL = Pattern.compile("\\(([^()]*)\\)=\\(.*?\\)(?=\\s|$|\\.|,)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{6,}[\\dXx]?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]{0,63}");

    /**
     * A reason without personal data: the exception class, the SQLState if any, and the first line of the message
     * with values removed (PostgreSQL's {@code Key (col)=(value)} detail, quoted values, long digit runs).
     */
    public static String reason(Throwable t) {
        Throwable top = t;
        Throwable specific = t;
        String sqlState = null;
        for (Throwable c : chain(t)) {
            if (c instanceof SQLException s && sqlState == null) {
                sqlState = s.getSQLState();
                specific = c;
            } else if (c instanceof EventCodec.MalformedEventException || c instanceof NotYetKnownException) {
                specific = c;
                break;
            }
        }
        if (specific == top) {
            for (Throwable c : chain(t)) {
                specific = c; // the root cause says the most
            }
        }
        String s = specific.getClass().getSimpleName() + (sqlState == null ? "" : " [SQLState " + sqlState + "]")
                + ": " + sanitize(specific.getMessage());
        return s.length() > 480 ? s.substring(0, 480) : s;
    }

    public static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        String m = message;
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        for (String cut : new String[]{" Detail:", " Where:", " at [Source", "  Position:"}) {
            int i = m.indexOf(cut);
            if (i >= 0) {
                m = m.substring(0, i);
            }
        }
        m = KEY_DETAIL.matcher(m).replaceAll("($1)=(…)");
        m = QUOTED.matcher(m).replaceAll(r -> {
            String v = r.group(1) != null ? r.group(1) : r.group(2);
            return IDENTIFIER.matcher(v).matches() && !v.chars().anyMatch(Character::isDigit)
                    ? java.util.regex.Matcher.quoteReplacement(r.group()) : "\"…\"";
        });
        m = LONG_NUMBER.matcher(m).replaceAll("…");
        // anything outside ASCII (names, addresses) is not needed to understand a technical failure
        m = m.replaceAll("[^\\x20-\\x7E…]+", "…");
        return m.trim();
    }

    public static java.util.List<Throwable> chain(Throwable t) {
        java.util.List<Throwable> l = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && l.size() < 20 && !l.contains(c); c = c.getCause()) {
            l.add(c);
        }
        return l;
    }
}
