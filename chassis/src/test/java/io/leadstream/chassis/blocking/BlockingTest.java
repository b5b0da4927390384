package io.leadstream.chassis.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

class BlockingTest {

    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWorkRunsOnAWorkerAndTheAnswerComesBackOnTheCallersContext() throws Exception {
        CompletableFuture<String[]> seen = new CompletableFuture<>();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> Blocking.offTheEventLoop(() -> new String[] {
                Thread.currentThread().getName(), String.valueOf(Context.isOnWorkerThread()) })
                .subscribe().with(work -> seen.complete(new String[] { work[0], work[1],
                        String.valueOf(Vertx.currentContext() == context), String.valueOf(Context.isOnEventLoopThread()) }),
                        seen::completeExceptionally));

        String[] threads = seen.get(10, TimeUnit.SECONDS);
        assertThat(threads[0]).contains("worker");
        assertThat(threads[1]).isEqualTo("true");
        assertThat(threads[2]).as("answered on the caller's context").isEqualTo("true");
        assertThat(threads[3]).as("answered on the event loop").isEqualTo("true");
    }

    @Test
    void aFailureOfTheWorkFailsTheAnswer() throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> Blocking.<String>offTheEventLoop(() -> {
            throw new IllegalStateException("no such host");
        }).subscribe().with(item -> failed.complete(null), failed::complete));
        assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no such host");
        assertThat(Blocking.offTheEventLoop(() -> "outside Vert.x").await().indefinitely()).isEqualTo("outside Vert.x");
    }
}
