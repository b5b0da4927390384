package io.leadstream.chassis.support;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A resource that exists only in the chassis tests, to drive the outbox and the error mapping. */
@Path("/test/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TestItemResource {

    public record CreateItem(@NotBlank @Size(max = 20) String name, @Valid Nested nested) {
    }

    public record Nested(@NotBlank String code) {
    }

    private final Outbox outbox;

    public TestItemResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @POST
    @RolesAllowed("writer")
    @WithTransaction
    public Uni<Map<String, Object>> create(@Valid CreateItem request, @QueryParam("fail") boolean fail) {
        TestItem item = new TestItem();
        item.id = UUID.randomUUID();
        item.name = request.name();
        return item.persist()
                .chain(() -> outbox.record(item.id, new ItemCreated(item.id.toString(), null)))
                .invoke(() -> {
                    if (fail) {
                        throw new ProblemException(409, "test-failure", "Conflict", "failing after the outbox write")
                                .retryAfter(7).header("X-Test-Header", "kept");
                    }
                })
                .map(eventId -> Map.of("id", item.id.toString(), "eventId", eventId.toString()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("writer")
    @WithSession
    public Uni<TestItem> get(@PathParam("id") UUID id, @QueryParam("limit") @Max(200) Integer limit) {
        return TestItem.<TestItem>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("item", id));
    }

    /** An endpoint that forgot its roles: denied to everybody (quarkus.security.jaxrs.deny-unannotated-endpoints). */
    @GET
    @Path("/forgotten")
    public String forgotten() {
        return "should never be answered";
    }
}
