package io.leadstream.scoring.enrichment.rest;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.scoring.enrichment.CreditCheckSubject;

/**
 * The body of {@code POST /checks}: the lead id as reference and, of the business attributes, only those named in
 * {@code leadstream.scoring.credit-check.fields} (an attribute not named, or not known, is left out, not sent empty).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CheckRequest(String reference, String company, String country, String segment, Money dealSize) {

    static CheckRequest of(CreditCheckSubject subject, List<String> fields) {
        return new CheckRequest(subject.leadId().toString(),
                fields.contains("company") ? text(subject.company()) : null,
                fields.contains("country") ? text(subject.country()) : null,
                fields.contains("segment") ? text(subject.segment()) : null,
                fields.contains("dealSize") && subject.dealAmount() != null
                        ? new Money(plain(subject.dealAmount()), text(subject.dealCurrency()))
                        : null);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** 7.5E+4 is sent as 75000. */
    private static BigDecimal plain(BigDecimal amount) {
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }
}
