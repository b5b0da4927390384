package io.leadstream.chassis.archfixture.bad.things;

import jakarta.ws.rs.core.Response;

import io.leadstream.chassis.archfixture.bad.things.rest.ThingView;
import io.leadstream.chassis.archfixture.good.things.Thing;
import io.vertx.mutiny.sqlclient.Pool;

/** Architecture fixture: everything a use case must not do. */
public class ThingService {

    Pool pool;
    org.hibernate.reactive.pool.ReactiveConnection connection;

    public ThingView find(Thing other) {
        return new ThingView(other.name());
    }

    public Response created() {
        return Response.status(201).build();
    }
}
