package cn.resettle.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body on its way to a backend, counted as it streams. Past {@code limit} bytes it fails (the proxy resets
 * the backend request, which never sees a complete body) and drops whatever else the caller sends.
 */
final class LimitedBody implements ReadStream<Buffer> {

    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("request body over " + limit + " bytes", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private final Runnable onTooLarge;
    private final Runnable onEnd;
    private long seen;
    private boolean tooLarge;
    private Handler<Buffer> handler;
    private Handler<Throwable> exceptionHandler;

    LimitedBody(ReadStream<Buffer> source, long limit, Runnable onTooLarge, Runnable onEnd) {
        this.source = source;
        this.limit = limit;
        this.onTooLarge = onTooLarge;
        this.onEnd = onEnd;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
        handler = h;
        if (h == null && !tooLarge) {
            source.handler(null);
        } else {
            source.handler(this::chunk);
        }
        return this;
    }

    private void chunk(Buffer b) {
        if (tooLarge) {
            return; // dropped
        }
        seen += b.length();
        if (limit >= 0 && seen > limit) {
            tooLarge = true;
            onTooLarge.run();
            Handler<Throwable> eh = exceptionHandler;
            if (eh != null) {
                eh.handle(new TooLarge(limit));
            }
            source.resume();
            return;
        }
        Handler<Buffer> h = handler;
        if (h != null) {
            h.handle(b);
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
        exceptionHandler = h;
        source.exceptionHandler(h);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
        source.endHandler(h == null ? null : v -> {
            if (!tooLarge) {
                onEnd.run();
                h.handle(null);
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }
}
