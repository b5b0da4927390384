package io.leadstream.chassis.archfixture.good.things;

import io.vertx.mutiny.sqlclient.Pool;

/** Architecture fixture: SQL in a repository is fine. */
public class ThingRepository {

    Pool pool;

    Thing find(String name) {
        return new Thing(name);
    }

    io.smallrye.mutiny.Uni<Integer> store(String name) {
        return io.leadstream.chassis.sql.TransactionSql.update("insert into thing (name) values ($1)", name);
    }
}
