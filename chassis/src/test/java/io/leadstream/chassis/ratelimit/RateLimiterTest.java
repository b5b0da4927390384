package io.leadstream.chassis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.ProblemException;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(clock::get);
    private final RateLimit threePerMinute = RateLimit.of(3, Duration.ofMinutes(1));

    @Test
    void shouldAllowABurstUpToThePermitsThenRefuse() {
        assertThat(limiter.acquire("form:a", threePerMinute).remaining()).isEqualTo(2);
        assertThat(limiter.acquire("form:a", threePerMinute).remaining()).isEqualTo(1);
        assertThat(limiter.acquire("form:a", threePerMinute).allowed()).isTrue();

        RateLimiter.Decision refused = limiter.acquire("form:a", threePerMinute);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20); // one permit every 20 s
        assertThat(refused.resetSeconds()).isEqualTo(60);
    }

    @Test
    void shouldRefillOverTime() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k", threePerMinute);
        }
        clock.addAndGet(Duration.ofSeconds(19).toNanos());
        assertThat(limiter.acquire("k", threePerMinute).allowed()).isFalse();

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire("k", threePerMinute).allowed()).isTrue();
        assertThat(limiter.acquire("k", threePerMinute).allowed()).isFalse();
    }

    @Test
    void shouldKeepKeysAndPoliciesApart() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("address:1", threePerMinute);
        }
        assertThat(limiter.acquire("address:1", threePerMinute).allowed()).isFalse();
        assertThat(limiter.acquire("address:2", threePerMinute).allowed()).isTrue();
        assertThat(limiter.acquire("address:1", RateLimit.of(10, Duration.ofMinutes(1))).allowed()).isTrue();
    }

    @Test
    void shouldThrowA429ProblemWithRetryAfterAndRateLimitHeaders() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("p", threePerMinute).orThrow("partner quota");
        }
        assertThatThrownBy(() -> limiter.acquire("p", threePerMinute).orThrow("partner quota"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isEqualTo(20);
                    assertThat(e.headers()).containsEntry("RateLimit-Limit", "3")
                            .containsEntry("RateLimit-Remaining", "0")
                            .containsEntry("RateLimit-Policy", "3;w=60");
                    assertThat(e.getMessage()).contains("partner quota");
                });
    }

    @Test
    void shouldSweepBucketsThatHaveRefilledOnceTheMapGrows() {
        for (int i = 0; i <= RateLimiter.SWEEP_ABOVE; i++) {
            limiter.acquire("client:" + i, threePerMinute);
        }
        limiter.acquire("busy", threePerMinute);
        clock.addAndGet(Duration.ofMinutes(2).toNanos());
        limiter.acquire("busy", threePerMinute);

        limiter.acquire("new", threePerMinute);

        assertThat(limiter.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldRejectNonsensePolicies() {
        assertThatThrownBy(() -> RateLimit.of(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
