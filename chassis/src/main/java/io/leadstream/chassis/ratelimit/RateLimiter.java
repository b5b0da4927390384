package io.leadstream.chassis.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.chassis.sql.ChunkedDelete;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Token buckets kept in the service's PostgreSQL database ({@code rate_limit_bucket}, chassis migration V0_5), one per
 * key (a form, a client address, a partner) and policy, so that a limit holds across every replica of a service: n
 * replicas behind a load balancer give a client the limit once, not n times. One statement per request takes a permit
 * (the function {@code chassis_rate_limit_take}, which locks the key's row for that moment). Buckets that have
 * refilled completely are deleted every {@code leadstream.rate-limit.purge-interval} (10 min).
 *
 * <pre>
 * limiter.acquire("partner:" + partnerId, RateLimit.of(100, Duration.ofMinutes(1)))
 *         .invoke(d -> d.headers().forEach(response::putHeader))  // the headers on a success
 *         .invoke(d -> d.orThrow("partner quota"));                // 429 problem with Retry-After and RateLimit-*
 * </pre>
 */
@ApplicationScoped
public class RateLimiter {

    static final String TAKE = "select taken, remaining from chassis_rate_limit_take($1, $2, $3, $4)";
    static final String PURGE = "delete from rate_limit_bucket where key in (select key from rate_limit_bucket "
            + "where full_at < $1 limit $2)";
    static final int PURGE_CHUNK = 5_000;

    private final Pool pool;
    private final Clock clock;

    public RateLimiter(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Takes one permit from the key's bucket if there is one; says how many are left and when to retry. */
    public Uni<Decision> acquire(String key, RateLimit limit) {
        double perSecond = limit.permits() / seconds(limit.window());
        return pool.preparedQuery(TAKE)
                .execute(Tuple.of(key + '|' + limit.policy(), (double) limit.permits(), perSecond,
                        clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return Decision.of(limit, row.getBoolean("taken"), row.getDouble("remaining"));
                });
    }

    @Scheduled(every = "${leadstream.rate-limit.purge-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge()
                .onFailure().invoke(e -> Log.warnf("rate-limit purge failed, will try again: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the buckets that are full again (a missing bucket is a full one); answers how many. */
    public Uni<Long> purge() {
        return ChunkedDelete.run(pool, PURGE, clock.instant(), PURGE_CHUNK);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1_000_000_000d;
    }

    /**
     * The outcome of one request against a limit. {@code resetSeconds}: until the bucket is full again;
     * {@code retryAfterSeconds}: until the next permit (0 when allowed).
     */
    public record Decision(boolean allowed, RateLimit limit, long remaining, long resetSeconds, long retryAfterSeconds) {

        /** The decision for a bucket of {@code limit} that {@code tokens} are left in after the request. */
        static Decision of(RateLimit limit, boolean allowed, double tokens) {
            double secondsPerPermit = seconds(limit.window()) / limit.permits();
            long reset = wholeSeconds((limit.permits() - tokens) * secondsPerPermit);
            long retryAfter = allowed ? 0 : Math.max(1, wholeSeconds((1 - tokens) * secondsPerPermit));
            return new Decision(allowed, limit, (long) Math.floor(tokens + 1e-9), reset, retryAfter);
        }

        /** Rounded up, after rounding away the floating-point noise of the bucket's arithmetic. */
        private static long wholeSeconds(double seconds) {
            return (long) Math.ceil(seconds - 1e-6);
        }

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
}
