package io.leadstream.chassis.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.leadstream.chassis.inbox.Failures;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Answers every error as RFC 9457 {@code application/problem+json}: domain {@link ProblemException}s,
 * bean-validation failures (field paths in {@code errors[]}), unreadable JSON, the framework's
 * 400/404/405/406/415 and the security layer's 401/403 (services run with
 * {@code quarkus.http.auth.proactive=false} so that authentication failures reach these mappers).
 * Anything unexpected is a 503 with {@code Retry-After} when it will pass (the database unreachable), else a
 * 500 with a reference to the log line, never a stack trace.
 */
public class ProblemMappers {

    /** What a 503 asks the client to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Response response = respond(e.problem(), uri);
        if (e.retryAfterSeconds() == null && e.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder builder = Response.fromResponse(response);
        e.headers().forEach(builder::header);
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return builder.build();
    }

    @ServerExceptionMapper({ ResteasyReactiveViolationException.class, ConstraintViolationException.class })
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        boolean onReturnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
        if (onReturnValue) {
            return unexpected(e, uri);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldPath(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        Problem problem = Problem.of(400, "validation", "Bad Request",
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid").withErrors(errors);
        return respond(problem, uri);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            errors.add(new Problem.FieldError(jsonPath(mapping.getPath()), "has the wrong type or format"));
        }
        String detail = e instanceof JsonParseException
                ? "the request body is not valid JSON"
                : "the request body does not match the expected structure";
        return respond(Problem.of(400, "malformed-body", "Bad Request", detail).withErrors(errors), uri);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of(401, "unauthorized", "Unauthorized",
                "a valid bearer token from the leads realm is required");
        return Response.fromResponse(respond(problem, uri)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "your role does not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri); // the JSON reader wraps its parse errors in a 400
        }
        String parameter = unconvertibleQueryParameter(e, uri);
        if (parameter != null) {
            // JAX-RS answers a query parameter it cannot convert (limit=abc) with 404, as if the path did not exist
            return respond(Problem.of(400, "validation", "Bad Request", "1 field is invalid")
                    .withErrors(List.of(new Problem.FieldError(parameter, "has the wrong type or format"))), uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType statusInfo = original.getStatusInfo();
        String title = statusInfo.getReasonPhrase();
        String slug = switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "this path does not accept that method";
            case 406 -> "this resource cannot answer in the requested media type";
            case 415 -> "this resource does not accept that content type";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        Response.ResponseBuilder builder = Response.fromResponse(respond(Problem.of(status, slug, title, detail), uri));
        if (original.getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    /**
     * Anything unexpected: a 503 with {@code Retry-After} when it will pass (the database or broker unreachable, a
     * timeout, a lock or serialization conflict: {@link Failures}), so clients and load balancers retry instead of
     * reporting a bug; else a 500 with a log reference.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (unstorableText(e)) {
            // PostgreSQL stores no NUL character in text: bad input, not a failure of ours
            boolean inPath = uri != null && uri.getPath().indexOf('\u0000') >= 0;
            return inPath ? respond(Problem.of(404, "not-found", "Not Found", "no resource at this path"), uri)
                    : respond(Problem.of(400, "unstorable-text", "Bad Request",
                            "the request holds a character that cannot be stored (NUL)"), uri);
        }
        if (Failures.classify(e) == Failures.Kind.TRANSIENT) {
            Log.warnf("503 on %s: %s", uri == null ? "?" : uri.getPath(), Failures.describe(e));
            return Response.fromResponse(respond(Problem.of(503, "unavailable", "Service Unavailable",
                    "something this request needs (the database or the broker) is not reachable right now; "
                            + "nothing was changed, retry in a few seconds"), uri))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "unexpected error %s on %s", reference, uri == null ? "?" : uri.getPath());
        return respond(Problem.of(500, "internal", "Internal Server Error",
                "something went wrong on our side; quote reference " + reference + " when reporting it"), uri);
    }

    /**
     * The query parameter whose value the framework could not convert to the method's parameter type: it throws a
     * 404 ({@link NotFoundException}) caused by the conversion's exception for query, path and matrix parameters
     * alike. A path parameter that is no id (a UUID) stays a 404; a query parameter is the caller's mistake (400).
     */
    static String unconvertibleQueryParameter(WebApplicationException e, UriInfo uri) {
        if (!(e instanceof NotFoundException) || e.getCause() == null || e.getCause() instanceof WebApplicationException
                || uri == null) {
            return null;
        }
        String message = String.valueOf(e.getCause().getMessage());
        if (names(uri.getPathParameters(), message) != null) {
            return null; // the path's own value failed: no such resource
        }
        return names(uri.getQueryParameters(), message);
    }

    /** The parameter whose (non-empty) value the conversion message quotes, or null. */
    private static String names(Map<String, List<String>> parameters, String message) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (!value.isEmpty() && message.contains(value)) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }

    /** PostgreSQL refused a text value (SQL state 22021: a NUL character or bytes that are no UTF-8; 22P05). */
    static boolean unstorableText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("invalid byte sequence for encoding") || message.contains("22021")
                    || message.contains("22P05") || (t instanceof java.sql.SQLException sql
                            && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState())))) {
                return true;
            }
        }
        return false;
    }

    static Response respond(Problem problem, UriInfo uri) {
        Problem body = uri == null ? problem : problem.withInstance(uri.getPath());
        return Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static List<ElementKind> kinds(Path path) {
        List<ElementKind> kinds = new ArrayList<>();
        path.forEach(node -> kinds.add(node.getKind()));
        return kinds;
    }

    /** {@code create.request.address.country} → {@code address.country}; a query parameter → its name. */
    static String fieldPath(Path path) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                    // items[0].name: the index sits on the node after the container
                    if (node.isInIterable() && !properties.isEmpty()) {
                        int last = properties.size() - 1;
                        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                        if (at != null) {
                            properties.set(last, properties.get(last) + "[" + at + "]");
                        }
                    }
                    if (node.getName() != null) {
                        properties.add(node.getName());
                    }
                }
                default -> {
                }
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter == null ? path.toString() : parameter;
    }

    static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
