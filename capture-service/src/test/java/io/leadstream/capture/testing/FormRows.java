package io.leadstream.capture.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads capture's tables for the web form tests, and creates forms through the admin API. */
@ApplicationScoped
public class FormRows {

    final Pool pool;

    FormRows(Pool pool) {
        this.pool = pool;
    }

    /** A form through POST /api/forms (the caller's @TestSecurity must include lead-admin); its key. */
    public static String createForm(String json) {
        return given().contentType("application/json").body(json).post("/api/forms")
                .then().statusCode(201).extract().path("key");
    }

    public long count(String sql, Object... parameters) {
        Object value = first(sql, parameters);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The first column of the first row, or null when there is no row. */
    public Object first(String sql, Object... parameters) {
        RowIterator<Row> rows = pool.preparedQuery(sql).execute(Tuple.from(List.of(parameters)))
                .await().atMost(Duration.ofSeconds(10)).iterator();
        return rows.hasNext() ? rows.next().getValue(0) : null;
    }

    public void execute(String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(List.of(parameters))).await().atMost(Duration.ofSeconds(10));
    }
}
