package io.leadstream.chassis.archfixture.good.things;

/** Architecture fixture: a domain result. */
public record Thing(String name) {
}
