package io.leadstream.capture.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The events a lead got in {@code outbox_event}, for the tests (from the test thread, blocking is fine). */
@ApplicationScoped
public class LeadRows {

    final Pool pool;
    final ObjectMapper mapper;

    LeadRows(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The payloads of the lead's events of {@code type} (e.g. {@code lead.updated}), oldest first. */
    public List<JsonNode> events(String leadId, String type) {
        return payloads("select payload::text from outbox_event where aggregate_id = $1 and event_type = $2 "
                + "order by occurred_at, id", Tuple.of(leadId, "leadstream." + type + ".v1"));
    }

    /** The payloads of all the lead's events, whatever their type, oldest first. */
    public List<JsonNode> allEvents(String leadId) {
        return payloads("select payload::text from outbox_event where aggregate_id = $1 order by occurred_at, id",
                Tuple.of(leadId));
    }

    private List<JsonNode> payloads(String sql, Tuple arguments) {
        List<JsonNode> events = new ArrayList<>();
        pool.preparedQuery(sql).execute(arguments).await().atMost(Duration.ofSeconds(10)).forEach(row -> {
            try {
                events.add(mapper.readTree(row.getString(0)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return events;
    }

    /** Any one column of the lead's row, as text. */
    public String column(String leadId, String column) {
        var rows = pool.preparedQuery("select " + column + "::text from lead where id = $1::uuid")
                .execute(Tuple.of(leadId)).await().atMost(Duration.ofSeconds(10));
        return rows.iterator().next().getString(0);
    }
}
