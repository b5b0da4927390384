package io.leadstream.scoring.enrichment;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.leadstream.scoring.enrichment.CreditCheckOutcome.NotNeeded;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.Pending;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.Rated;
import io.leadstream.scoring.enrichment.CreditProvider.ProviderAnswer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Credit check / enrichment for lucrative leads: a deal of at least {@code min-deal-size} (in {@code currency}) is
 * sent to the configured provider, and its rating becomes a reason with points. The returned {@link Uni} never fails:
 * when the provider cannot answer the outcome is {@link Pending} and the caller tries again after
 * {@code retry-after}.
 */
@ApplicationScoped
public class CreditCheck {

    private final CreditCheckConfig config;
    private final CreditProvider provider;

    public CreditCheck(CreditCheckConfig config, CreditProvider provider) {
        this.config = config;
        this.provider = provider;
    }

    /** Fails start-up on settings that cannot work (enabled without a URL, a field scoring may not send, …). */
    void validate(@Observes StartupEvent start) {
        List<String> problems = CreditCheckConfig.problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("credit check misconfigured: " + String.join("; ", problems));
        }
        if (config.enabled()) {
            Log.infof("credit check on: deals of at least %s %s go to %s with %s", config.minDealSize().toPlainString(),
                    config.currency(), config.url().orElseThrow(), config.fields());
        }
    }

    public Uni<CreditCheckOutcome> check(CreditCheckSubject subject) {
        NotNeeded skip = notNeeded(subject);
        if (skip != null) {
            return Uni.createFrom().item(skip);
        }
        return Uni.createFrom().deferred(() -> provider.rate(subject))
                .<CreditCheckOutcome>map(CreditCheck::rated)
                .onFailure().recoverWithItem(failure -> pending(subject, failure));
    }

    private NotNeeded notNeeded(CreditCheckSubject subject) {
        if (!config.enabled()) {
            return new NotNeeded("the credit check is disabled");
        }
        BigDecimal amount = subject.dealAmount();
        if (amount == null) {
            return new NotNeeded("no deal size");
        }
        String currency = subject.dealCurrency();
        if (currency == null || currency.isBlank()) {
            return new NotNeeded("the deal size has no currency");
        }
        if (!currency.strip().equalsIgnoreCase(config.currency())) {
            return new NotNeeded("deal in " + currency.strip() + ": the threshold is in " + config.currency()
                    + " and amounts are not converted");
        }
        if (amount.compareTo(config.minDealSize()) < 0) {
            return new NotNeeded("deal size " + CreditRating.amount(amount) + " " + config.currency()
                    + " is below the " + CreditRating.amount(config.minDealSize()) + " " + config.currency()
                    + " threshold");
        }
        return null;
    }

    static Rated rated(ProviderAnswer answer) {
        CreditRating rating = CreditRating.of(answer.rating());
        return new Rated(rating.name(), rating.points(),
                rating.detail(answer.limitAmount(), answer.limitCurrency(), answer.provider()));
    }

    private Pending pending(CreditCheckSubject subject, Throwable failure) {
        String why;
        if (failure instanceof CircuitBreakerOpenException) {
            why = "provider unavailable, calls paused after repeated failures";
        } else if (failure instanceof CreditProviderException) {
            why = failure.getMessage();
        } else {
            why = "unexpected error (" + failure.getClass().getSimpleName() + ")";
            Log.errorf(failure, "credit check for lead %s failed unexpectedly", subject.leadId());
        }
        Log.warnf("credit check for lead %s pending: %s", subject.leadId(), why);
        return new Pending(why, config.retryAfter());
    }
}
