package io.leadstream.chassis.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(description = "stable URI naming the kind of problem") String type,
        @Schema(description = "short summary of the kind of problem") String title,
        @Schema(description = "HTTP status", minimum = "400", maximum = "599") int status,
        @Schema(description = "what went wrong, for a person") String detail,
        @Schema(description = "the request path") String instance,
        @Schema(description = "offending fields, for validation problems") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://leadstream.dev/problems/";

    public static Problem of(int status, String typeSlug, String title, String detail) {
        return new Problem(TYPE_BASE + typeSlug, title, status, detail, null, List.of());
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    /** One offending field: its path in the request ({@code email}, {@code address.country}, {@code limit}). */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
