package io.leadstream.chassis.support;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.leadstream.chassis.problem.ProblemException;

/** An operation under {@code /api/}, where the services' operations are, for the chassis' own tests (a client's quota). */
@Path("/api/test/things")
@Produces(MediaType.APPLICATION_JSON)
public class TestApiResource {

    @GET
    @Path("/{id}")
    @RolesAllowed("writer")
    public String getThing(@PathParam("id") UUID id) {
        throw ProblemException.notFound("thing", id);
    }
}
