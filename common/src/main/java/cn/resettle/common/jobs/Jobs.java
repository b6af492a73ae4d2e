package cn.resettle.common.jobs;

import cn.resettle.common.problem.DomainException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Long exports and imports as jobs: {@link #submit} records the job and returns at once; a worker thread runs the
 * work as the user who started it (their identity, hence their data scope, masking and audit), reporting progress
 * (rows done of rows total, errors so far) that {@link #get} shows to that user only. The work writes its result
 * to a file under {@code resettle.jobs.dir}, kept for {@code resettle.jobs.keep} (24 h), then deleted.
 * Jobs run one at a time per service instance ({@code resettle.jobs.threads}); a job that was running when the
 * service stopped is marked FAILED at the next start.
 */
@ApplicationScoped
public class Jobs {
    private static final Logger LOG = Logger.getLogger(Jobs.class);
    public static final int ERROR_SAMPLES = 100;

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    /** What a job does: report progress on {@code progress}, write its result to {@code result}. */
    @FunctionalInterface
    public interface Work {
        /** Returns a one-line summary kept with the job (e.g. the import's counts as JSON), or null. */
        String run(Progress progress, OutputStream result) throws Exception;
    }

    /** Progress of a running job; updates reach the database at most every {@code resettle.jobs.progress-interval}. */
    public interface Progress {
        void total(long rows);

        void done(long rows);

        void error(String message);

        long errors();
    }

    public record JobView(UUID id, String kind, Status status, Long rowsTotal, long rowsDone, Integer percent,
                          long errors, List<String> errorSamples, String detail, String summary, String resultName,
                          Long resultBytes, String resultUrl, OffsetDateTime createdAt, OffsetDateTime startedAt,
                          OffsetDateTime finishedAt) {
    }

    public record Result(Path file, String name, String mediaType) {
    }

    @Inject
    EntityManager em;
    @Inject
    CurrentIdentityAssociation identities;
    /** Where results are written; by default resettle-jobs under the JVM's temporary directory. */
    @ConfigProperty(name = "resettle.jobs.dir")
    java.util.Optional<String> dir;
    @ConfigProperty(name = "resettle.jobs.keep", defaultValue = "PT24H")
    Duration keep;
    @ConfigProperty(name = "resettle.jobs.threads", defaultValue = "1")
    int threads;
    @ConfigProperty(name = "resettle.jobs.progress-interval", defaultValue = "PT0.5S")
    Duration progressInterval;

    private volatile ExecutorService pool;

    private ExecutorService pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "resettle-job");
                        t.setDaemon(true);
                        return t;
                    });
                    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                                    "update job set status = 'FAILED', detail = 'the service stopped while the job ran; start it again', "
                                            + "finished_at = now() where status in ('QUEUED', 'RUNNING')")
                            .executeUpdate());
                }
            }
        }
        return pool;
    }

    void stop(@Observes ShutdownEvent e) {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Records the job (QUEUED, owned by {@code owner}) and starts it on the worker as the calling user (same identity,
     * hence the same data scope). The result is called {@code resultName} ({@code mediaType}) when downloaded.
     */
    public UUID submit(String kind, String owner, String resultName, String mediaType, Work work) {
        SecurityIdentity identity = identities.getIdentity();
        UUID id = UUID.randomUUID();
        ExecutorService workers = pool();
        cleanUp();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into job (id, kind, owner, status, result_name, result_type, created_at) values (?1, ?2, ?3, 'QUEUED', ?4, ?5, now())")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, owner).setParameter(4, resultName)
                .setParameter(5, mediaType).executeUpdate());
        workers.submit(() -> run(id, identity, work));
        return id;
    }

    private void run(UUID id, SecurityIdentity identity, Work work) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        Path file = null;
        ProgressRow progress = new ProgressRow(id);
        try {
            identities.setIdentity(identity);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update job set status = 'RUNNING', started_at = now() where id = ?1").setParameter(1, id).executeUpdate());
            Path d = directory();
            Files.createDirectories(d);
            file = d.resolve(id + ".part");
            String summary;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                summary = work.run(progress, out);
            }
            long bytes = Files.size(file);
            Path done = d.resolve(id.toString());
            Files.move(file, done, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            progress.flush(true);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update job set status = 'DONE', finished_at = now(), result_path = ?2, result_bytes = ?3, summary = ?4 where id = ?1")
                    .setParameter(1, id).setParameter(2, done.toString()).setParameter(3, bytes).setParameter(4, summary)
                    .executeUpdate());
        } catch (Throwable e) {
            String detail = e instanceof DomainException d ? d.getMessage() : "the job failed: " + e.getClass().getSimpleName();
            LOG.errorf(e, "job %s failed", id);
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                progress.flush(true);
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                                "update job set status = 'FAILED', finished_at = now(), detail = ?2 where id = ?1")
                        .setParameter(1, id).setParameter(2, detail).executeUpdate());
            } catch (Exception ignored) {
                LOG.errorf(ignored, "job %s: could not record the failure", id);
            }
        } finally {
            request.terminate();
        }
    }

    /** The job if {@code owner} started it; otherwise 404 (whether it exists is not disclosed). */
    public JobView get(UUID id, String owner, String resultUrlPrefix) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kind, status, rows_total, rows_done, errors, error_samples, detail, "
                        + "summary, result_name, result_bytes, created_at, started_at, finished_at from job where id = ?1 and owner = ?2")
                .setParameter(1, id).setParameter(2, owner).getResultList();
        if (rows.isEmpty()) {
            throw DomainException.notFound("job", id);
        }
        Object[] r = rows.get(0);
        Status status = Status.valueOf((String) r[2]);
        Long total = r[3] == null ? null : ((Number) r[3]).longValue();
        long done = ((Number) r[4]).longValue();
        Integer percent = status == Status.DONE ? Integer.valueOf(100)
                : total == null || total == 0 ? (status == Status.QUEUED ? Integer.valueOf(0) : null)
                : Integer.valueOf((int) Math.min(99, done * 100 / total));
        List<String> samples = r[6] == null ? List.of() : List.of(((String) r[6]).split("\n"));
        return new JobView((UUID) r[0], (String) r[1], status, total, done, percent, ((Number) r[5]).longValue(), samples,
                (String) r[7], (String) r[8], (String) r[9], r[10] == null ? null : ((Number) r[10]).longValue(),
                status == Status.DONE ? resultUrlPrefix + r[0] + "/result" : null,
                cn.resettle.common.web.SqlValues.time(r[11]), cn.resettle.common.web.SqlValues.time(r[12]),
                cn.resettle.common.web.SqlValues.time(r[13]));
    }

    /** The finished job's file for {@code owner}: 404 for anyone else, 409 while it runs or if it failed. */
    public Result result(UUID id, String owner) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select status, result_path, result_name, result_type from job where id = ?1 and owner = ?2")
                .setParameter(1, id).setParameter(2, owner).getResultList();
        if (rows.isEmpty()) {
            throw DomainException.notFound("job", id);
        }
        Object[] r = rows.get(0);
        if (!"DONE".equals(r[0])) {
            throw DomainException.conflict("job-not-done", "job " + id + " is " + r[0] + "; poll it until it is DONE");
        }
        Path file = Path.of((String) r[1]);
        if (!Files.exists(file)) {
            throw DomainException.notFound("job result", id);
        }
        return new Result(file, (String) r[2], (String) r[3]);
    }

    /** Where job results (and the synchronous ledger's temporary file) are written. */
    public Path directory() {
        return dir.map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir"), "resettle-jobs"));
    }

    private void cleanUp() {
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> old = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "select id, result_path from job where finished_at < ?1")
                    .setParameter(1, OffsetDateTime.now().minus(keep)).getResultList());
            for (Object[] r : old) {
                if (r[1] != null) {
                    Files.deleteIfExists(Path.of((String) r[1]));
                }
            }
            if (!old.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from job where finished_at < ?1")
                        .setParameter(1, OffsetDateTime.now().minus(keep)).executeUpdate());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Progress kept in memory and written in its own transaction at most every progress interval. */
    private final class ProgressRow implements Progress {
        private final UUID id;
        private volatile Long total;
        private volatile long done;
        private volatile long errors;
        private final List<String> samples = new ArrayList<>();
        private long lastWrite;
        private int samplesWritten;

        ProgressRow(UUID id) {
            this.id = id;
        }

        @Override
        public void total(long rows) {
            total = rows;
            flush(false);
        }

        @Override
        public void done(long rows) {
            done = rows;
            flush(false);
        }

        @Override
        public synchronized void error(String message) {
            errors++;
            if (samples.size() < ERROR_SAMPLES) {
                samples.add(message.replace('\n', ' '));
            }
            flush(false);
        }

        @Override
        public long errors() {
            return errors;
        }

        synchronized void flush(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastWrite < progressInterval.toNanos()) {
                return;
            }
            lastWrite = now;
            String text = samples.size() == samplesWritten && !force ? null : String.join("\n", samples);
            samplesWritten = samples.size();
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update job set rows_total = ?2, rows_done = ?3, errors = ?4, error_samples = coalesce(?5, error_samples) where id = ?1")
                    .setParameter(1, id).setParameter(2, total).setParameter(3, done).setParameter(4, errors)
                    .setParameter(5, text).executeUpdate());
        }
    }
}
