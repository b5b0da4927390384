package io.leadstream.chassis.archfixture.good.things.rest;

/** Architecture fixture: a response record at the edge. */
public record ThingView(String name) {
}
