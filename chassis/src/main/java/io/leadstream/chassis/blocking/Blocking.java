package io.leadstream.chassis.blocking;

import java.util.concurrent.Callable;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Blocking work (a DNS lookup, parsing a large MIME message) called from reactive code: it runs on a worker thread and
 * answers on the caller's Vert.x context, where the caller's reactive session lives, so the caller goes on with
 * Hibernate Reactive as if nothing had happened. Outside a Vert.x context (a plain unit test) it runs where it is
 * subscribed.
 *
 * <pre>
 * return Blocking.offTheEventLoop(() -&gt; guard.check(url)).chain(verdict -&gt; Panache.withTransaction(...));
 * </pre>
 */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> offTheEventLoop(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().emitter(emitter -> {
                try {
                    emitter.complete(work.call());
                } catch (Exception e) {
                    emitter.fail(e);
                }
            });
        }
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
    }
}
