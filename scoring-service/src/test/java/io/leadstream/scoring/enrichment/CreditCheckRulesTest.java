package io.leadstream.scoring.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.scoring.enrichment.CreditCheckOutcome.NotNeeded;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.Pending;
import io.leadstream.scoring.enrichment.CreditCheckOutcome.Rated;
import io.leadstream.scoring.enrichment.CreditProvider.ProviderAnswer;
import io.smallrye.mutiny.Uni;

/** When a lead is checked, what each rating is worth, and which settings are refused: no Quarkus, no HTTP. */
class CreditCheckRulesTest {

    record Settings(boolean enabled, Optional<URI> url, BigDecimal minDealSize, String currency, Duration timeout,
            List<String> fields, Duration retryAfter) implements CreditCheckConfig {

        static Settings defaults() {
            return new Settings(true, Optional.of(URI.create("http://127.0.0.1:1")), new BigDecimal("50000"), "EUR",
                    Duration.ofSeconds(2), CreditCheckConfig.SENDABLE_FIELDS, Duration.ofMinutes(5));
        }

        Settings disabled() {
            return new Settings(false, Optional.empty(), minDealSize, currency, timeout, fields, retryAfter);
        }
    }

    /** Answers with a fixed rating and remembers whom it was asked about. */
    static class FakeProvider implements CreditProvider {
        final List<CreditCheckSubject> asked = new ArrayList<>();
        ProviderAnswer answer = new ProviderAnswer("LOW_RISK", null, null, null);
        RuntimeException thrown;

        @Override
        public Uni<ProviderAnswer> rate(CreditCheckSubject subject) {
            asked.add(subject);
            if (thrown != null) {
                throw thrown;
            }
            return Uni.createFrom().item(answer);
        }
    }

    private final FakeProvider provider = new FakeProvider();

    private static CreditCheckSubject deal(String amount, String currency) {
        return new CreditCheckSubject(UUID.randomUUID(), "Analytical Engines Ltd", "GB", "manufacturing",
                amount == null ? null : new BigDecimal(amount), currency);
    }

    private CreditCheckOutcome check(CreditCheckConfig config, CreditCheckSubject subject) {
        return new CreditCheck(config, provider).check(subject).await().indefinitely();
    }

    @Test
    void shouldNotCallTheProviderWhenDisabled() {
        assertThat(check(Settings.defaults().disabled(), deal("1000000", "EUR")))
                .isEqualTo(new NotNeeded("the credit check is disabled"));
        assertThat(provider.asked).isEmpty();
    }

    @Test
    void shouldCheckADealOfExactlyTheThresholdInAnyCaseOfItsCurrency() {
        assertThat(check(Settings.defaults(), deal("50000.00", "eur"))).isInstanceOf(Rated.class);
        assertThat(provider.asked).hasSize(1);
    }

    @Test
    void shouldNotCallTheProviderWithoutACurrency() {
        assertThat(check(Settings.defaults(), deal("75000", " "))).isEqualTo(new NotNeeded("the deal size has no currency"));
        assertThat(provider.asked).isEmpty();
    }

    @Test
    void shouldGiveEachRatingItsPoints() {
        assertThat(CreditRating.of("LOW_RISK").points()).isEqualTo(10);
        assertThat(CreditRating.of("MEDIUM_RISK").points()).isZero();
        assertThat(CreditRating.of("HIGH_RISK").points()).isEqualTo(-15);
        assertThat(CreditRating.of("UNKNOWN").points()).isZero();
    }

    @Test
    void shouldReadARatingItDoesNotKnowAsUnknown() {
        provider.answer = new ProviderAnswer("AAA_PLUS", new BigDecimal("1234.5"), "GBP", null);
        assertThat(check(Settings.defaults(), deal("75000", "EUR")))
                .isEqualTo(new Rated("UNKNOWN", 0, "credit check: risk unknown (limit 1 234.5 GBP)"));
        assertThat(CreditRating.of(null)).isEqualTo(CreditRating.UNKNOWN);
    }

    @Test
    void shouldKeepTheProvidersNameShortAndPrintable() {
        provider.answer = new ProviderAnswer("low_risk", null, null, "Acme\nCredit " + "x".repeat(100));
        Rated rated = (Rated) check(Settings.defaults(), deal("75000", "EUR"));
        assertThat(rated.rating()).isEqualTo("LOW_RISK");
        assertThat(rated.detail()).doesNotContain("\n").startsWith("credit check by Acme Credit xxx").hasSizeLessThan(100);
    }

    @Test
    void shouldBePendingNotThrowWhenTheProviderFailsUnexpectedly() {
        provider.thrown = new IllegalStateException("boom");
        assertThat(check(Settings.defaults(), deal("75000", "EUR")))
                .isEqualTo(new Pending("unexpected error (IllegalStateException)", Duration.ofMinutes(5)));
    }

    @Test
    void shouldAcceptTheShippedDefaultsAndRefuseUnusableSettings() {
        assertThat(CreditCheckConfig.problems(Settings.defaults())).isEmpty();
        assertThat(CreditCheckConfig.problems(Settings.defaults().disabled())).isEmpty();

        Settings bad = new Settings(true, Optional.empty(), new BigDecimal("-1"), "eur", Duration.ZERO,
                List.of("company", "email"), Duration.ofMinutes(5));
        assertThat(CreditCheckConfig.problems(bad)).containsExactly(
                "leadstream.scoring.credit-check.url is required when the credit check is enabled",
                "leadstream.scoring.credit-check.fields: 'email' is not an attribute scoring may send; allowed: "
                        + "company, country, segment, dealSize",
                "leadstream.scoring.credit-check.currency: 'eur' is not an ISO 4217 code such as EUR",
                "leadstream.scoring.credit-check.min-deal-size must not be negative",
                "leadstream.scoring.credit-check.timeout must be positive");
    }
}
