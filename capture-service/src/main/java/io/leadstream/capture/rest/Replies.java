package io.leadstream.capture.rest;

import java.net.URI;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.leadstream.capture.service.Idempotency;
import io.leadstream.capture.service.Reply;
import io.leadstream.chassis.problem.Problem;

/** Sends a {@link Reply} as it is: the same bytes whether first answered or replayed for an Idempotency-Key. */
final class Replies {

    private Replies() {
    }

    static Response toResponse(Reply reply) {
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
