package io.leadstream.nurture.webhooks.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.leadstream.nurture.webhooks.WebhookTransport;
import io.leadstream.nurture.webhooks.WebhooksConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The one HTTP client of outbound webhooks (Vert.x's, non-blocking): a POST that never follows a redirect, with a
 * connect timeout and a timeout on the whole attempt (both {@code leadstream.nurture.webhooks.*}), behind a circuit
 * breaker per target (scheme, host and port; SmallRye Fault Tolerance) that counts attempts without an answer and
 * 5xx, 408 and 429 answers: a target that keeps failing is left alone for {@code circuit-breaker.delay}, and its
 * deliveries wait for their next attempt. Of an answer other than 2xx, the first 300 characters of the body are kept
 * for the delivery log.
 */
@ApplicationScoped
public class WebhookClient implements WebhookTransport {

    private static final int EXCERPT = 300;

    private final HttpClient client;
    private final WebhooksConfig config;
    private final Map<String, TypedGuard<Uni<Answer>>> breakers = new ConcurrentHashMap<>();

    public WebhookClient(Vertx vertx, WebhooksConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.concurrency()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public Uni<Answer> post(String url, Map<String, String> headers, byte[] body) {
        String target = origin(url);
        return Uni.createFrom().deferred(() -> breaker(target).get(() -> send(url, headers, body)
                .map(answer -> {
                    if (answer.status() >= 500 || answer.status() == 408 || answer.status() == 429) {
                        throw new Failed(answer); // held against the target, handed back as the answer below
                    }
                    return answer;
                })))
                .onFailure(Failed.class).recoverWithItem(failure -> ((Failed) failure).answer)
                .onFailure(CircuitBreakerOpenException.class).transform(open -> new NoAnswer("not sent: " + target
                        + " failed repeatedly, so it is left alone for a while (circuit breaker open)", open));
    }

    private Uni<Answer> send(String url, Map<String, String> headers, byte[] body) {
        long timeout = config.timeout().toMillis();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setFollowRedirects(false).setIdleTimeout(timeout);
        headers.forEach(request::putHeader);
        request.putHeader("user-agent", "Leadstream-Webhooks/1");
        return Uni.createFrom().completionStage(() -> client.request(request)
                .compose(r -> r.send(Buffer.buffer(body)))
                .compose(this::answer)
                .toCompletionStage())
                .ifNoItem().after(config.timeout())
                .failWith(() -> new NoAnswer("no answer within " + timeout + " ms", null))
                .onFailure(f -> !(f instanceof NoAnswer)).transform(f -> new NoAnswer(timedOut(f)
                        ? "no answer within " + timeout + " ms" : "no answer: " + describe(f), f));
    }

    /** The status, and the start of the body of an answer other than 2xx (the rest is read and dropped). */
    private io.vertx.core.Future<Answer> answer(HttpClientResponse response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.end().map(ignored -> new Answer(status, null));
        }
        Buffer start = Buffer.buffer();
        response.handler(chunk -> {
            if (start.length() < EXCERPT * 4) {
                start.appendBuffer(chunk.length() > EXCERPT * 4 ? chunk.getBuffer(0, EXCERPT * 4) : chunk);
            }
        });
        return response.end().map(ignored -> {
            String text = start.toString(StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return new Answer(status, text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text);
        });
    }

    private TypedGuard<Uni<Answer>> breaker(String target) {
        return breakers.computeIfAbsent(target, name -> {
            WebhooksConfig.CircuitBreaker breaker = config.circuitBreaker();
            return TypedGuard.create(new TypeLiteral<Uni<Answer>>() {
            })
                    .withDescription("webhook " + name)
                    // non-blocking: the attempt and its answer stay on the caller's Vert.x context
                    .withThreadOffload(false)
                    .withCircuitBreaker()
                    .name("webhook " + name)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .done()
                    .build();
        });
    }

    /** scheme://host:port, the circuit breaker's key. */
    static String origin(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** Vert.x's idle timeout (a {@code TimeoutException} of its own) or a connect timeout. */
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** An answer the breaker counts as a failure. */
    private static final class Failed extends RuntimeException {
        final Answer answer;

        Failed(Answer answer) {
            super("HTTP " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }
}
