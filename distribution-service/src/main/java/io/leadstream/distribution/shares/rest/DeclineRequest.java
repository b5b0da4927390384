package io.leadstream.distribution.shares.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partner turns a shared lead down, optionally saying why. */
@Schema(name = "DeclineRequest")
public record DeclineRequest(@Schema(nullable = true, maxLength = 500, examples = "outside our region") String reason) {
}
