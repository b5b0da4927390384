package io.leadstream.capture.testing;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

/**
 * Posts a body generated chunk by chunk (chunked transfer encoding) while reading the answer as it arrives, as curl
 * does. The import answers while it reads, so a client that sends everything before reading (RestAssured) would
 * stall on a body larger than the socket buffers.
 */
public final class StreamingClient {

    private StreamingClient() {
    }

    /** Sends {@code chunks} and hands every piece of the answer to {@code onBody}; returns the status at the end. */
    public static int post(Vertx vertx, String path, String contentType, Iterator<String> chunks, Consumer<Buffer> onBody)
            throws Exception {
        HttpClient client = vertx.createHttpClient();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try {
            client.request(HttpMethod.POST, RestAssured.port, "localhost", path).onFailure(done::completeExceptionally)
                    .onSuccess(request -> {
                        request.putHeader("Content-Type", contentType).setChunked(true);
                        request.response().onFailure(done::completeExceptionally).onSuccess(response -> {
                            response.handler(onBody::accept);
                            response.exceptionHandler(done::completeExceptionally);
                            response.endHandler(ignored -> done.complete(response.statusCode()));
                        });
                        pump(request, chunks);
                    });
            return done.get(30, TimeUnit.MINUTES);
        } finally {
            client.close();
        }
    }

    private static void pump(HttpClientRequest request, Iterator<String> chunks) {
        while (chunks.hasNext()) {
            if (request.writeQueueFull()) {
                request.drainHandler(ignored -> pump(request, chunks));
                return;
            }
            request.write(Buffer.buffer(chunks.next()));
        }
        request.end();
    }

    /** Rows {@code 1..count} of {@code row} (formatted with the row number), about 16 KB per chunk, after {@code head}. */
    public static Iterator<String> rows(String head, long count, java.util.function.LongFunction<String> row) {
        return new Iterator<>() {
            long next = 1;
            boolean headSent;

            @Override
            public boolean hasNext() {
                return !headSent || next <= count;
            }

            @Override
            public String next() {
                StringBuilder chunk = new StringBuilder();
                if (!headSent) {
                    headSent = true;
                    chunk.append(head);
                }
                while (next <= count && chunk.length() < 16 * 1024) {
                    chunk.append(row.apply(next++));
                }
                return chunk.toString();
            }
        };
    }
}
