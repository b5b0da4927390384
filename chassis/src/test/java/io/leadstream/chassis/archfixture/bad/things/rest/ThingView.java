package io.leadstream.chassis.archfixture.bad.things.rest;

/** Architecture fixture: a response record. */
public record ThingView(String name) {
}
