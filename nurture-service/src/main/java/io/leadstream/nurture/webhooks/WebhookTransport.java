package io.leadstream.nurture.webhooks;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * How a delivery is sent (the one HTTP client of outbound webhooks, {@code webhooks.rest.WebhookClient}): a POST with
 * a timeout and a circuit breaker per target, never following a redirect.
 */
public interface WebhookTransport {

    /** The target's answer: its status, and for a status other than 2xx the start of its body. */
    record Answer(int status, String excerpt) {

        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    /** No answer: the connection failed or timed out, or the target's circuit is open. */
    final class NoAnswer extends RuntimeException {

        public NoAnswer(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** POSTs {@code body} to {@code url}; fails with {@link NoAnswer} when no status came back. */
    Uni<Answer> post(String url, Map<String, String> headers, byte[] body);
}
