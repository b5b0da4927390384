package io.leadstream.capture.imports.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.imports.ImportConfig;
import io.leadstream.capture.imports.LeadImport;
import io.leadstream.chassis.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives {@code POST /api/leads/import} a body limit of its own ({@code leadstream.capture.import.max-body-size},
 * 200M) while every other path keeps {@code quarkus.http.limits.max-body-size} (1M, from the chassis).
 * <p>
 * Quarkus has one limit for all paths, enforced by a route of order -2: a {@code Content-Length} above it is a 413
 * at once; without one, it puts the limit into the routing context, where the blocking input stream that reads
 * the body counts against it. Around that route, for the import path only: before it (order -3) the
 * {@code Content-Length} is checked against the import limit and hidden; after it (order -1) it is put back and
 * the import limit replaces the general one for the input stream.
 */
@ApplicationScoped
public class ImportBodyLimit {

    /** The routing-context key Quarkus' {@code VertxInputStream} reads its limit from. */
    static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";
    private static final String HIDDEN_LENGTH = ImportBodyLimit.class.getName() + ".content-length";

    private final long limit;
    private final ObjectMapper mapper;

    public ImportBodyLimit(ImportConfig config, ObjectMapper mapper) {
        this.limit = config.maxBodySize().asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route(LeadImport.PATH).order(-3).handler(this::beforeQuarkusLimit);
        router.route(LeadImport.PATH).order(-1).handler(this::afterQuarkusLimit);
    }

    private void beforeQuarkusLimit(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                context.next(); // Quarkus answers it
                return;
            }
            if (declared > limit) {
                tooLarge(context);
                return;
            }
            context.put(HIDDEN_LENGTH, length);
            context.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        }
        context.next();
    }

    private void afterQuarkusLimit(RoutingContext context) {
        String length = context.get(HIDDEN_LENGTH);
        if (length != null) {
            context.request().headers().set(HttpHeaders.CONTENT_LENGTH, length);
        }
        context.put(MAX_REQUEST_SIZE, limit);
        context.next();
    }

    private void tooLarge(RoutingContext context) {
        Problem problem = Problem.of(413, "payload-too-large", "Content Too Large", "an import body may have at most "
                + limit + " bytes (leadstream.capture.import.max-body-size); split it into several imports")
                .withInstance(context.request().path());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ignored -> context.request().connection().close()) // the body is never read
                .end(body);
    }
}
