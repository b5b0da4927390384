package io.leadstream.chassis.archfixture.bad.things;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Architecture fixture: a resource outside its feature's rest package (abstract: not served). */
@Path("/bad")
public abstract class ThingResource {

    @GET
    public String get() {
        return "bad";
    }
}
