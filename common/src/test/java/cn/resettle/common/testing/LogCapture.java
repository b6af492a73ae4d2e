package cn.resettle.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything the service logs while it is open (message and every cause's message), to assert that personal data
 * never reaches a log line.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder(r.getLoggerName() == null ? "" : r.getLoggerName()).append(": ");
            sb.append(r instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage());
            for (Throwable t = r.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                sb.append(" | ").append(t).append(' ');
                for (Throwable s : t.getSuppressed()) {
                    sb.append(" | suppressed ").append(s);
                }
            }
            synchronized (lines) {
                lines.add(sb.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
