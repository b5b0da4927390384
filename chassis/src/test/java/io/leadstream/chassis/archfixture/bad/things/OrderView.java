package io.leadstream.chassis.archfixture.bad.things;

/** Architecture fixture: a response record outside the edge. */
public record OrderView(String id) {
}
