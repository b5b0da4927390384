package io.leadstream.capture.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.ratelimit.RateLimit;
import io.leadstream.chassis.ratelimit.RateLimiter;

/** The quotas read from the configuration; taking permits is the chassis' RateLimiterTest and PartnerLeadResourceTest. */
class PartnerQuotaTest {

    private static final RateLimiter NO_LIMITER = null;

    @Test
    void shouldUseThePartnersOwnQuotaElseTheConfiguredDefault() {
        PartnerQuota quota = new PartnerQuota(NO_LIMITER, () -> Map.of("default", "60/1m", "acme", "600/PT1M"));

        assertThat(quota.limitFor("acme")).isEqualTo(RateLimit.of(600, Duration.ofMinutes(1)));
        assertThat(quota.limitFor("globex")).isEqualTo(RateLimit.of(60, Duration.ofMinutes(1)));
    }

    @Test
    void shouldFallBackTo120PerMinuteWithoutADefault() {
        PartnerQuota quota = new PartnerQuota(NO_LIMITER, () -> Map.of("acme", "5/1h"));

        assertThat(quota.limitFor("globex")).isEqualTo(RateLimit.of(120, Duration.ofMinutes(1)));
        assertThat(quota.limitFor("acme")).isEqualTo(RateLimit.of(5, Duration.ofHours(1)));
    }

    @Test
    void shouldRefuseAMalformedQuotaNamingItsKey() {
        for (String bad : new String[] { "120", "120/", "many/1m", "0/1m", "120/soon", "1/2/3m" }) {
            assertThatThrownBy(() -> new PartnerQuota(NO_LIMITER, () -> Map.of("acme", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("leadstream.capture.partner.quota.\"acme\"=" + bad);
        }
    }
}
