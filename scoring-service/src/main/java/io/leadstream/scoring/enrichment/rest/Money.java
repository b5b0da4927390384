package io.leadstream.scoring.enrichment.rest;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An amount and its ISO 4217 currency, as the provider's API spells them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Money(BigDecimal amount, String currency) {
}
