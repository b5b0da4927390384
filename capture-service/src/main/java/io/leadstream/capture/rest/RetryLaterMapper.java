package io.leadstream.capture.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.leadstream.capture.service.RetryLaterProblem;
import io.leadstream.chassis.problem.ProblemMappers;

/**
 * The chassis' problem+json answer for a {@link RetryLaterProblem}, plus its {@code Retry-After} header (the
 * most specific mapper wins over the chassis' one for {@code ProblemException}). Plumbing that belongs in the
 * chassis once another service needs it.
 */
public class RetryLaterMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response retryLater(RetryLaterProblem e, UriInfo uri) {
        return Response.fromResponse(problems.domain(e, uri))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }
}
