package io.leadstream.distribution.reps.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.reps.Rep;

/** A sales rep as the API shows it. */
@Schema(name = "Rep")
public record RepView(@Schema(description = "the rep's Keycloak username") String repId, String displayName,
        boolean active, Instant createdAt, Instant updatedAt) {

    public static RepView of(Rep rep) {
        return new RepView(rep.repId, rep.displayName, rep.active, rep.createdAt, rep.updatedAt);
    }
}
