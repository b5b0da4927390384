package io.leadstream.scoring.enrichment;

import java.math.BigDecimal;

import io.smallrye.mutiny.Uni;

/**
 * The external provider, as {@link CreditCheck} sees it. Implemented over HTTP in {@code enrichment.rest} (which owns
 * the timeout, retries and circuit breaker); fails with a {@link CreditProviderException} when it cannot answer.
 */
public interface CreditProvider {

    Uni<ProviderAnswer> rate(CreditCheckSubject subject);

    /** The provider's answer: its rating as it spelled it, the credit limit it grants, if any, and its name. */
    record ProviderAnswer(String rating, BigDecimal limitAmount, String limitCurrency, String provider) {
    }
}
