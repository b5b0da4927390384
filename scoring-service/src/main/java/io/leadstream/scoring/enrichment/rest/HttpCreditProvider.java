package io.leadstream.scoring.enrichment.rest;

import java.net.ConnectException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.leadstream.scoring.enrichment.CreditCheckConfig;
import io.leadstream.scoring.enrichment.CreditCheckSubject;
import io.leadstream.scoring.enrichment.CreditProvider;
import io.leadstream.scoring.enrichment.CreditProviderException;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * The provider over HTTP, guarded. Each attempt may take {@code leadstream.scoring.credit-check.timeout}; a failed
 * attempt (timeout, 5xx, 408/429, no connection, unreadable answer) is tried twice more, 200 ms apart. When at least
 * half of the last 4 attempts failed the circuit opens: no call reaches the provider for 30 s, then one trial call
 * decides. A 4xx refusal is neither retried nor held against the provider. Failures come out as
 * {@link CreditProviderException}, or as the circuit breaker's {@link CircuitBreakerOpenException}.
 */
@ApplicationScoped
class HttpCreditProvider implements CreditProvider {

    private final CreditCheckClient client;
    private final CreditCheckConfig config;

    HttpCreditProvider(@RestClient CreditCheckClient client, CreditCheckConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, maxDuration = 15_000,
            abortOn = { CreditProviderException.Refused.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30_000, successThreshold = 1,
            skipOn = CreditProviderException.Refused.class)
    @CircuitBreakerName("credit-check")
    public Uni<ProviderAnswer> rate(CreditCheckSubject subject) {
        return client.check(CheckRequest.of(subject, config.fields()))
                // the attempt's timeout is leadstream.scoring.credit-check.timeout, a Duration; @Timeout would only take a
                // number and unit from the annotation or a key of its own
                .ifNoItem().after(config.timeout())
                .failWith(() -> new CreditProviderException("no answer within " + readable(config.timeout())))
                .onFailure().transform(HttpCreditProvider::translate)
                .map(HttpCreditProvider::answer);
    }

    /** 2s → "2 s", 500ms → "500 ms". */
    static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static ProviderAnswer answer(CheckAnswer answer) {
        if (answer == null) {
            throw new CreditProviderException("empty answer from the provider");
        }
        return new ProviderAnswer(answer.rating(), answer.limit() == null ? null : answer.limit().amount(),
                answer.limit() == null ? null : answer.limit().currency(), answer.provider());
    }

    static CreditProviderException translate(Throwable failure) {
        if (failure instanceof CreditProviderException known) {
            return known;
        }
        if (failure instanceof WebApplicationException http && http.getResponse() != null) {
            int status = http.getResponse().getStatus();
            boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
            return refused
                    ? new CreditProviderException.Refused("provider refused the request (HTTP " + status + ")", failure)
                    : new CreditProviderException("provider answered HTTP " + status, failure);
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof ConnectException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            return new CreditProviderException("provider unreachable (connection refused)", failure);
        }
        return new CreditProviderException("no usable answer from the provider (" + cause.getClass().getSimpleName()
                + ")", failure);
    }
}
