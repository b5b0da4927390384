package io.leadstream.capture.idempotency;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * {@code Idempotency-Key} for any operation that creates something (api.md: 24 h; same key and same request →
 * the first response replayed with {@code Idempotency-Replayed: true}; same key and another request → 422; still
 * in flight → the repeat waits up to {@code wait} for the first and replays it, else 409 with
 * {@code Retry-After}).
 * <p>
 * How: {@link #run} claims the key in one statement of its own ({@code insert … on conflict}), which also takes
 * over an expired row, or an IN_FLIGHT row older than {@code stale-after} (a crashed request) for the same
 * request. The operation then calls {@link #complete} <em>inside its own transaction</em>, so the key turns DONE
 * together with what the operation wrote: never DONE without its lead, never a lead twice. A repeat that finds
 * the key IN_FLIGHT polls the row on Vert.x timers (never blocking the event loop). A failure the caller renders as
 * final (validation: a 400) is stored too, so a retry gets the same answer; any other failure deletes the claim so
 * the client may retry. Only the claiming request may complete or delete a claim ({@code claim_token}): if a
 * takeover happened meanwhile, the late one rolls back and answers 409.
 * <p>
 * What is stored is a {@link Reply} as the REST edge rendered it (status, Location, body): the same bytes are
 * replayed. The operation itself never sees it; the edge completes the claim from inside the operation's
 * transaction.
 */
@ApplicationScoped
public class Idempotency {

    public static final String REPLAYED_HEADER = "Idempotency-Replayed";

    /** The right to perform an operation under a key; {@link #NONE} when the caller sent no key. */
    public record Claim(String scope, String key, UUID token) {
        public static final Claim NONE = new Claim(null, null, null);
    }

    private record Acquired(Claim claim, Reply replay) {
    }

    /** Our claim was taken over (we ran longer than stale-after): our transaction must not commit. */
    static final class ClaimLostException extends RuntimeException {
        ClaimLostException() {
            super("the Idempotency-Key claim was taken over by another request", null, false, false);
        }
    }

    private final IdempotencyRepository keys;
    private final ObjectMapper mapper;
    private final IdempotencyConfig config;

    public Idempotency(IdempotencyRepository keys, ObjectMapper mapper, IdempotencyConfig config) {
        this.keys = keys;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Runs {@code operation} once per key: the claim holder runs it (and must call {@link #complete} in its
     * transaction), repeats get its reply. Without a key the operation simply runs, with {@link Claim#NONE}.
     *
     * @param name names the operation in the request hash, so a key reused on another endpoint is a 422
     * @param finalAnswer the answer to a failure of the operation that is final for this request (stored and sent
     *        like a success), or null when the failure is not (the key is freed and the failure thrown)
     */
    public Uni<Reply> run(IdempotencyKey key, String name, Object request, Function<Claim, Uni<Reply>> operation,
            Function<Throwable, Reply> finalAnswer) {
        if (key == null) {
            return Uni.createFrom().deferred(() -> operation.apply(Claim.NONE));
        }
        String hash = hash(name, request);
        long deadline = System.nanoTime() + config.maxWait().toNanos();
        return acquire(key, hash, deadline).chain(acquired -> acquired.replay() != null
                ? Uni.createFrom().item(acquired.replay())
                : Uni.createFrom().deferred(() -> operation.apply(acquired.claim()))
                        .onFailure().recoverWithUni(e -> settleFailure(acquired.claim(), e, finalAnswer)));
    }

    /** Marks the claim DONE with {@code reply}; call it inside the transaction that performs the operation. */
    public Uni<Void> complete(Claim claim, Reply reply) {
        if (claim.token() == null) {
            return Uni.createFrom().voidItem();
        }
        return keys.complete(claim.scope(), claim.key(), claim.token(), reply)
                .chain(ours -> ours ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new ClaimLostException()));
    }

    /** The fingerprint a key is bound to: the operation and the request as the endpoint read it. */
    public String hash(String name, Object request) {
        return RequestHash.of(name, mapper.valueToTree(request));
    }

    /** Deletes expired keys in batches; returns how many. */
    public Uni<Long> purgeExpired() {
        return keys.purgeBatch().map(deleted -> (long) deleted)
                .chain(deleted -> deleted < IdempotencyRepository.PURGE_BATCH ? Uni.createFrom().item(deleted)
                        : purgeExpired().map(more -> deleted + more));
    }

    @Scheduled(every = "${leadstream.capture.idempotency.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purgeExpired()
                .invoke(deleted -> Log.debugf("purged %d expired idempotency keys", deleted))
                .onFailure().invoke(e -> Log.warnf("purging expired idempotency keys failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Acquired> acquire(IdempotencyKey key, String hash, long deadline) {
        UUID token = UUID.randomUUID();
        return keys.claim(key.scope(), key.value(), hash, token, seconds(config.ttl()), seconds(config.staleAfter()))
                .chain(claimed -> claimed
                        ? Uni.createFrom().item(new Acquired(new Claim(key.scope(), key.value(), token), null))
                        : inspect(key, hash, deadline));
    }

    /** The key is someone else's: replay, refuse, or wait for it. */
    private Uni<Acquired> inspect(IdempotencyKey key, String hash, long deadline) {
        return keys.read(key.scope(), key.value(), seconds(config.staleAfter()))
                .chain(row -> {
                    if (row == null || row.expired()) {
                        return acquire(key, hash, deadline); // released or expired meanwhile
                    }
                    if (!hash.equals(row.requestHash())) {
                        return Uni.createFrom().failure(reused());
                    }
                    if ("DONE".equals(row.state())) {
                        return Uni.createFrom().item(new Acquired(null, row.stored()));
                    }
                    if (row.stale()) {
                        return acquire(key, hash, deadline);
                    }
                    if (System.nanoTime() >= deadline) {
                        return Uni.createFrom().failure(inFlight());
                    }
                    return pause(config.pollInterval()).chain(() -> inspect(key, hash, deadline));
                });
    }

    /** A final answer is the response for this key (stored, then sent); anything else frees the key. */
    private Uni<Reply> settleFailure(Claim claim, Throwable failure, Function<Throwable, Reply> finalAnswer) {
        if (failure instanceof ClaimLostException) {
            return Uni.createFrom().failure(inFlight());
        }
        Reply reply = finalAnswer.apply(failure);
        if (reply != null) {
            return Panache.withTransaction(() -> complete(claim, reply))
                    .onFailure(ClaimLostException.class).recoverWithNull()
                    .replaceWith(reply);
        }
        return keys.release(claim.scope(), claim.key(), claim.token())
                .onFailure().invoke(e -> Log.warnf("cannot release idempotency key after a failure: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().failure(failure));
    }

    static ProblemException reused() {
        return new ProblemException(422, "idempotency-key-reused", "Unprocessable Content",
                "this " + IdempotencyKey.HEADER + " was already used with a different request; "
                        + "send a new key for a new request");
    }

    static ProblemException inFlight() {
        return new ProblemException(409, "idempotency-key-in-flight", "Conflict",
                "a request with this " + IdempotencyKey.HEADER + " is still being processed; retry shortly")
                .retryAfter(1);
    }

    /** Resumes on the caller's Vert.x context after {@code delay}, without blocking it. */
    static Uni<Void> pause(Duration delay) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(Math.max(1, delay.toMillis()),
                id -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
