package io.leadstream.capture.idempotency.rest;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.idempotency.IdempotencyKey;
import io.leadstream.capture.idempotency.Reply;
import io.leadstream.capture.model.Json;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.chassis.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;

/**
 * The REST edge's side of {@code Idempotency-Key}: renders answers as they go over the wire ({@link Reply}), has the
 * key's store keep them from inside the operation's transaction, and sends a stored answer as it is (the same bytes
 * whether first answered or replayed). Also renders the failures that are a request's final answer: a domain
 * problem or a validation failure, 4xx but not 409 or 429 (worth retrying).
 */
@ApplicationScoped
public class Replies {

    private final Idempotency idempotency;
    private final ObjectMapper mapper;
    private final ProblemMappers problems = new ProblemMappers();

    public Replies(Idempotency idempotency, ObjectMapper mapper) {
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    /**
     * Runs {@code operation} once per key (every time without one) and sends its answer. The operation completes the
     * claim with {@link #keep} inside its transaction; a final failure is stored with {@code path} as its instance.
     */
    public Uni<Reply> once(IdempotencyKey key, String name, Object request, String path,
            Function<Idempotency.Claim, Uni<Reply>> operation) {
        return idempotency.run(key, name, request, operation, failure -> finalAnswer(failure, path));
    }

    /** Keeps {@code reply} as the claim's answer (in the operation's transaction) and answers it. */
    public Uni<Reply> keep(Idempotency.Claim claim, Reply reply) {
        return idempotency.complete(claim, reply).replaceWith(reply);
    }

    /** A JSON answer about lead {@code leadId} (null when about none), with a Location or none. */
    public Reply json(int status, URI location, Object body, UUID leadId) {
        return new Reply(status, location == null ? null : location.toString(), Json.write(mapper, body), false,
                leadId);
    }

    /** The problem {@code failure} is answered with: a domain problem, or bean validation's; null for anything else. */
    public Problem problemOf(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.problem();
        }
        if (failure instanceof ConstraintViolationException violations
                && problems.validation(violations, null).getEntity() instanceof Problem problem) {
            return problem;
        }
        return null;
    }

    private Reply finalAnswer(Throwable failure, String path) {
        Problem problem = problemOf(failure);
        if (problem == null || problem.status() < 400 || problem.status() >= 500 || problem.status() == 409
                || problem.status() == 429) {
            return null;
        }
        return new Reply(problem.status(), null, Json.write(mapper, problem.withInstance(path)), false, null);
    }

    /** Sends {@code reply} as it is. */
    public static Response toResponse(Reply reply) {
        Response.ResponseBuilder response = Response.status(reply.status())
                .type(reply.isProblem() ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(reply.body());
        if (reply.location() != null) {
            response.location(URI.create(reply.location()));
        }
        if (reply.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

}
