package io.leadstream.scoring.enrichment;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * What a credit check is about: the lead (by id only) and the business attributes scoring holds. Nothing personal;
 * {@code leadstream.scoring.credit-check.fields} decides which of the attributes leave the suite.
 *
 * @param dealAmount the expected deal size, or null when unknown (then no check is needed)
 * @param dealCurrency ISO 4217 currency of {@code dealAmount}
 */
public record CreditCheckSubject(UUID leadId, String company, String country, String segment, BigDecimal dealAmount,
        String dealCurrency) {

    public CreditCheckSubject {
        Objects.requireNonNull(leadId, "leadId");
    }
}
