package io.leadstream.chassis.archfixture.good.things.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.leadstream.chassis.archfixture.good.things.ThingService;

/** Architecture fixture: the edge maps a domain result to HTTP (abstract: not served by the chassis test application). */
@Path("/things")
public abstract class ThingResource {

    ThingService service = new ThingService();

    @GET
    public Response get() {
        return Response.ok(new ThingView(service.find("x").name())).build();
    }
}
