package io.leadstream.scoring.enrichment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The credit check's settings ({@code leadstream.scoring.credit-check.*}); their defaults are in
 * application.properties ({@code ## credit check}), where an operator reads them.
 */
@ConfigMapping(prefix = "leadstream.scoring.credit-check")
public interface CreditCheckConfig {

    /** What scoring knows of a lead and may send, by its name in {@code fields}; never anything personal. */
    List<String> SENDABLE_FIELDS = List.of("company", "country", "segment", "dealSize");

    /** Off by default: nothing leaves the suite until an admin turns it on and names a provider. */
    boolean enabled();

    /** The provider's base URL ({@code POST <url>/checks}); required when enabled. */
    Optional<URI> url();

    /** Deals of at least this amount (in {@link #currency()}) are checked. */
    BigDecimal minDealSize();

    /** ISO 4217 currency of {@link #minDealSize()}; a deal in another currency is not checked (no conversion). */
    String currency();

    /** How long one attempt may take before it counts as failed. */
    Duration timeout();

    /** The attributes sent besides the lead id, a subset of {@link #SENDABLE_FIELDS}. */
    List<String> fields();

    /** How long before the caller tries a pending check again. */
    Duration retryAfter();

    /** What is wrong with these settings; empty when they are usable. */
    static List<String> problems(CreditCheckConfig config) {
        String prefix = "leadstream.scoring.credit-check.";
        List<String> problems = new ArrayList<>();
        if (config.enabled() && config.url().isEmpty()) {
            problems.add(prefix + "url is required when the credit check is enabled");
        }
        for (String field : config.fields()) {
            if (!SENDABLE_FIELDS.contains(field)) {
                problems.add(prefix + "fields: '" + field + "' is not an attribute scoring may send; allowed: "
                        + String.join(", ", SENDABLE_FIELDS));
            }
        }
        if (!config.currency().matches("[A-Z]{3}")) {
            problems.add(prefix + "currency: '" + config.currency() + "' is not an ISO 4217 code such as EUR");
        }
        if (config.minDealSize().signum() < 0) {
            problems.add(prefix + "min-deal-size must not be negative");
        }
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            problems.add(prefix + "timeout must be positive");
        }
        if (config.retryAfter().isNegative() || config.retryAfter().isZero()) {
            problems.add(prefix + "retry-after must be positive");
        }
        return problems;
    }
}
