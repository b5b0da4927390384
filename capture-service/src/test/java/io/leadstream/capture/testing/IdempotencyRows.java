package io.leadstream.capture.testing;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.model.LeadSubmission;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the tables behind Idempotency-Key for the tests (from the test thread, blocking is fine). */
@ApplicationScoped
public class IdempotencyRows {

    final Pool pool;
    final Idempotency idempotency;
    final ObjectMapper mapper;

    IdempotencyRows(Pool pool, Idempotency idempotency, ObjectMapper mapper) {
        this.pool = pool;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    /** The hash the service binds a key to for this POST /api/leads body. */
    public String hashOf(String body) {
        try {
            return idempotency.hash(LeadIntake.CAPTURE, mapper.readValue(body, LeadSubmission.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key row as another request left it; times are intervals from now(), e.g. "-2 minutes". */
    public void insertKey(String scope, String key, String hash, String state, String createdAgo, String expiresIn) {
        pool.preparedQuery("insert into idempotency_key (scope, key, request_hash, state, claim_token, response_status, "
                + "response_body, created_at, expires_at) values ($1, $2, $3, $4, gen_random_uuid(), "
                + "case when $4 = 'DONE' then 201 end, case when $4 = 'DONE' then '{}' end, "
                + "now() + $5::text::interval, now() + $6::text::interval)")
                .execute(Tuple.of(scope, key, hash, state, createdAgo, expiresIn)).await().atMost(Duration.ofSeconds(10));
    }

    /** Completes a key as the request holding it would. */
    public void finishKey(String scope, String key, int status, String location, String body) {
        pool.preparedQuery("update idempotency_key set state = 'DONE', response_status = $3, response_location = $4, "
                + "response_body = $5 where scope = $1 and key = $2")
                .execute(Tuple.of(scope, key, status, location, body)).await().atMost(Duration.ofSeconds(10));
    }

    public long leadsWithEmail(String email) {
        return (Long) query("select count(*) from lead where email = $1", email);
    }

    public long capturedEvents(String leadId) {
        return (Long) query("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.captured.v1'", leadId);
    }

    public Object query(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(parameters))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getValue(0);
    }
}
