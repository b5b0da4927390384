package io.leadstream.chassis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The buckets live in PostgreSQL: two limiters on one database (as two replicas of a service are) share them. Time is
 * a clock the test moves; every test uses keys of its own.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class RateLimiterTest {

    @Inject
    Pool pool;

    private final TestClock clock = stopped(Instant.parse("2026-12-05T10:00:00Z"));
    private final RateLimit threePerMinute = RateLimit.of(3, Duration.ofMinutes(1));
    private final String key = "test:" + UUID.randomUUID();

    private static TestClock stopped(Instant at) {
        TestClock clock = new TestClock();
        clock.stopAt(at);
        return clock;
    }

    private RateLimiter limiter() {
        return new RateLimiter(pool, clock);
    }

    private static RateLimiter.Decision take(RateLimiter limiter, String key, RateLimit limit) {
        return limiter.acquire(key, limit).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void shouldAllowABurstUpToThePermitsThenRefuse() {
        RateLimiter limiter = limiter();
        assertThat(take(limiter, key, threePerMinute).remaining()).isEqualTo(2);
        assertThat(take(limiter, key, threePerMinute).remaining()).isEqualTo(1);
        assertThat(take(limiter, key, threePerMinute).allowed()).isTrue();

        RateLimiter.Decision refused = take(limiter, key, threePerMinute);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20); // one permit every 20 s
        assertThat(refused.resetSeconds()).isEqualTo(60);
    }

    @Test
    void shouldShareTheBucketBetweenReplicas() {
        RateLimiter replicaA = limiter();
        RateLimiter replicaB = new RateLimiter(pool, clock);
        assertThat(take(replicaA, key, threePerMinute).remaining()).isEqualTo(2);
        assertThat(take(replicaB, key, threePerMinute).remaining()).isEqualTo(1);
        assertThat(take(replicaA, key, threePerMinute).remaining()).isZero();
        assertThat(take(replicaB, key, threePerMinute).allowed()).isFalse();
        assertThat(take(replicaA, key, threePerMinute).allowed()).isFalse();
    }

    @Test
    void shouldGiveExactlyThePermitsToConcurrentRequests() {
        RateLimit tenPerHour = RateLimit.of(10, Duration.ofHours(1));
        List<Uni<RateLimiter.Decision>> requests = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            requests.add((i % 2 == 0 ? limiter() : new RateLimiter(pool, clock)).acquire(key, tenPerHour));
        }
        List<RateLimiter.Decision> decisions = Uni.join().all(requests).andFailFast().await().atMost(Duration.ofSeconds(30));
        assertThat(decisions).filteredOn(RateLimiter.Decision::allowed).hasSize(10);
    }

    @Test
    void shouldRefillOverTime() {
        RateLimiter limiter = limiter();
        for (int i = 0; i < 3; i++) {
            take(limiter, key, threePerMinute);
        }
        clock.advance(Duration.ofSeconds(19));
        assertThat(take(limiter, key, threePerMinute).allowed()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(take(limiter, key, threePerMinute).allowed()).isTrue();
        assertThat(take(limiter, key, threePerMinute).allowed()).isFalse();
    }

    @Test
    void shouldKeepKeysAndPoliciesApart() {
        RateLimiter limiter = limiter();
        for (int i = 0; i < 3; i++) {
            take(limiter, key + ":address:1", threePerMinute);
        }
        assertThat(take(limiter, key + ":address:1", threePerMinute).allowed()).isFalse();
        assertThat(take(limiter, key + ":address:2", threePerMinute).allowed()).isTrue();
        assertThat(take(limiter, key + ":address:1", RateLimit.of(10, Duration.ofMinutes(1))).allowed()).isTrue();
    }

    @Test
    void shouldThrowA429ProblemWithRetryAfterAndRateLimitHeaders() {
        RateLimiter limiter = limiter();
        for (int i = 0; i < 3; i++) {
            take(limiter, key, threePerMinute).orThrow("partner quota");
        }
        assertThatThrownBy(() -> take(limiter, key, threePerMinute).orThrow("partner quota"))
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
    void shouldPurgeBucketsThatAreFullAgain() {
        RateLimiter limiter = limiter();
        take(limiter, key + ":busy", threePerMinute);
        take(limiter, key + ":quiet", threePerMinute);
        clock.advance(Duration.ofSeconds(30));
        take(limiter, key + ":busy", threePerMinute);
        take(limiter, key + ":busy", threePerMinute);
        clock.advance(Duration.ofSeconds(1)); // the quiet bucket was full again 20 s after its one request

        limiter.purge().await().atMost(Duration.ofSeconds(10));

        assertThat(pool.preparedQuery("select key from rate_limit_bucket where key like $1")
                .execute(Tuple.of(key + "%")).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("key")).startsWith(key + ":busy");
        assertThat(take(limiter, key + ":quiet", threePerMinute).remaining()).isEqualTo(2);
    }

    @Test
    void shouldRejectNonsensePolicies() {
        assertThatThrownBy(() -> RateLimit.of(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
