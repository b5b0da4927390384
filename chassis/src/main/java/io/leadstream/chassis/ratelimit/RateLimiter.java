package io.leadstream.chassis.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.leadstream.chassis.problem.ProblemException;

/**
 * In-memory token buckets, one per key (a form, a client address, a partner). Each service instance keeps its
 * own buckets, so with n replicas behind a load balancer a client gets up to n times the limit: set limits per
 * instance. Buckets that have refilled completely carry no information and are swept once the map grows.
 *
 * <pre>
 * RateLimiter.Decision d = limiter.acquire("partner:" + partnerId, RateLimit.of(100, Duration.ofMinutes(1)));
 * d.orThrow("partner quota");          // 429 problem with Retry-After and RateLimit-* headers
 * d.headers().forEach(response::header); // the same headers on a success
 * </pre>
 */
@ApplicationScoped
public class RateLimiter {

    /** Sweep full buckets when the map holds more keys than this. */
    static final int SWEEP_ABOVE = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    @Inject
    public RateLimiter() {
        this(System::nanoTime);
    }

    /** For tests: a clock in nanoseconds. */
    public RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one permit from the key's bucket if there is one; says how many are left and when to retry. */
    public Decision acquire(String key, RateLimit limit) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key + '|' + limit.policy(), k -> new Bucket(limit, now));
        return bucket.take(now);
    }

    /** How many keys have a bucket (for tests and metrics). */
    public int size() {
        return buckets.size();
    }

    /**
     * The outcome of one request against a limit. {@code resetSeconds}: until the bucket is full again;
     * {@code retryAfterSeconds}: until the next permit (0 when allowed).
     */
    public record Decision(boolean allowed, RateLimit limit, long remaining, long resetSeconds, long retryAfterSeconds) {

        /**
         * The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers, the widely used three-header form):
         * {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} and
         * {@code RateLimit-Policy}.
         */
        public Map<String, String> headers() {
            return Map.of("RateLimit-Limit", String.valueOf(limit.permits()),
                    "RateLimit-Remaining", String.valueOf(remaining),
                    "RateLimit-Reset", String.valueOf(resetSeconds),
                    "RateLimit-Policy", limit.policy());
        }

        /** Nothing when allowed; else a 429 problem with {@code Retry-After} and the RateLimit headers. */
        public Decision orThrow(String what) {
            if (allowed) {
                return this;
            }
            ProblemException problem = ProblemException.tooManyRequests(what + ": at most " + limit.permits()
                    + " requests per " + limit.window().toSeconds() + " s; retry after " + retryAfterSeconds + " s",
                    (int) Math.min(Integer.MAX_VALUE, retryAfterSeconds));
            headers().forEach(problem::header);
            throw problem;
        }
    }

    private static final class Bucket {
        private final RateLimit limit;
        private final double nanosPerPermit;
        private double tokens;
        private long updatedAt;

        Bucket(RateLimit limit, long now) {
            this.limit = limit;
            this.nanosPerPermit = (double) limit.window().toNanos() / limit.permits();
            this.tokens = limit.permits();
            this.updatedAt = now;
        }

        synchronized Decision take(long now) {
            refill(now);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long remaining = (long) Math.floor(tokens);
            long reset = seconds((limit.permits() - tokens) * nanosPerPermit);
            long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) * nanosPerPermit));
            return new Decision(allowed, limit, remaining, reset, retryAfter);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= limit.permits();
        }

        private void refill(long now) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(limit.permits(), tokens + elapsed / nanosPerPermit);
                updatedAt = now;
            }
        }

        private static long seconds(double nanos) {
            return (long) Math.ceil(nanos / 1_000_000_000d);
        }
    }
}
