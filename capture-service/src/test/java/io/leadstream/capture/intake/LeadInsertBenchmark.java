package io.leadstream.capture.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadAttributes;
import io.leadstream.capture.model.LeadQuality;
import io.leadstream.chassis.events.EventTypes;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * P7 (quality.md): what Hibernate Reactive costs on capture's hot path, opt-in: not part of the test run. The same
 * lead rows are stored, in rotating rounds, through (a) Hibernate Reactive as {@link LeadIntake} stored a new lead
 * before P7: a {@link Lead} entity {@code persist()}ed and its {@code lead.captured} recorded through the
 * {@link Outbox}, in one {@code Panache.withTransaction} (the outbox flushes the session, writing the lead, before its
 * own insert); (b) the reactive PG client on the same pool: {@code Pool.withTransaction} with a prepared insert of the
 * same lead columns Hibernate writes, the same outbox row (the event serialised by the same mapper) and the same
 * {@code notify}; (c) what {@link LeadIntake} does now: {@code Panache.withTransaction}, {@link LeadRowRepository}'s
 * prepared insert and the {@link Outbox}'s, both on the transaction's connection. De-duplication, validation and the
 * HTTP layer are left out of all three: only the storing differs. {@code concurrency} transactions are in flight at
 * once, each chain of them on its own Vert.x context, as requests are. Prints, and writes to
 * {@code leadstream.benchmark.p7.out} when set, the inserts/s of each path per round and the ratios of their means
 * (a / b: the bar, ≥ 0.7, below which the hot path moves to the plain client; c / b: the hot path as built).
 * Asserts only that every row was stored; the rows are deleted at the end. The database is the test's own (the chassis' {@link PostgresResource}: an embedded server in a temporary
 * directory, fsync and synchronous_commit off), never the local suite's; the outbox relay is off.
 *
 * <pre>
 * benchmarks/capture/p7.sh            (or:)
 * ./mvnw -B -o -pl capture-service verify -Dleadstream.benchmark=true -Dtest=LeadInsertBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 *   -Dleadstream.benchmark.p7.rows=5000 -Dleadstream.benchmark.p7.rounds=3 -Dleadstream.benchmark.p7.concurrency=8
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(LeadInsertBenchmark.RelayOff.class)
@EnabledIfSystemProperty(named = "leadstream.benchmark", matches = "true")
class LeadInsertBenchmark {

    /** The outbox rows are written as always, but not relayed (the relay's work would land in either path's rounds). */
    public static class RelayOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.outbox.relay-enabled", "false");
        }
    }

    static final int ROWS = Integer.getInteger("leadstream.benchmark.p7.rows", 5_000);
    static final int ROUNDS = Integer.getInteger("leadstream.benchmark.p7.rounds", 3);
    static final int CONCURRENCY = Integer.getInteger("leadstream.benchmark.p7.concurrency", 8);
    static final String OUT = System.getProperty("leadstream.benchmark.p7.out", "");

    /** Every column Hibernate inserts for a {@link Lead} (all mapped and insertable ones, nulls too), in its order. */
    static final String INSERT_LEAD = "insert into lead (id, first_name, last_name, email, phone, company, job_title, "
            + "street, city, postal_code, region, country, language, time_zone, products, segment, tags, deal_amount, "
            + "deal_currency, custom_qualifiers, social_accounts, birth_date, source, campaign, utm, referrer, notes, "
            + "partner_id, form_key, captured_by, created_at, updated_at, erased_at) values ($1, $2, $3, $4, $5, $6, "
            + "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, "
            + "$28, $29, $30, $31, $32, $33)";
    static final String INSERT_OUTBOX = "insert into outbox_event (id, aggregate_id, event_type, payload, occurred_at) "
            + "values ($1, $2, $3, cast(cast($4 as text) as jsonb), $5)";
    static final String CE_TYPE = EventTypes.of(LeadCaptured.class).ceType();

    @Inject
    Outbox outbox;
    @Inject
    LeadRowRepository rows;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    @Test
    void hibernatePersistAgainstThePreparedInsert() throws Throwable {
        String tag = "p7-" + UUID.randomUUID().toString().substring(0, 8);
        long outboxBefore = count("select count(*) from outbox_event", Tuple.tuple());
        // warm-up: both paths' code compiled, the pool's connections open, statements prepared
        int warmup = Math.max(50, ROWS / 5);
        round(tag + "-warm-a", warmup, this::hibernate);
        round(tag + "-warm-b", warmup, this::plainClient);
        round(tag + "-warm-c", warmup, this::capture);
        List<Double> hibernate = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> built = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            // rotating which goes first, so drift favours none
            for (int i = 0; i < 3; i++) {
                switch ((r + i) % 3) {
                    case 0 -> hibernate.add(round(tag + "-a" + r, ROWS, this::hibernate));
                    case 1 -> plain.add(round(tag + "-b" + r, ROWS, this::plainClient));
                    default -> built.add(round(tag + "-c" + r, ROWS, this::capture));
                }
            }
        }
        long stored = count("select count(*) from lead where captured_by like $1", Tuple.of(tag + "-%"));
        long events = count("select count(*) from outbox_event", Tuple.tuple()) - outboxBefore;
        long expected = 3L * warmup + 3L * ROUNDS * ROWS;
        VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(c -> c
                .preparedQuery("delete from outbox_event where aggregate_id in (select id::text from lead "
                        + "where captured_by like $1)").execute(Tuple.of(tag + "-%"))
                .chain(() -> c.preparedQuery("delete from lead where captured_by like $1").execute(Tuple.of(tag + "-%")))));
        assertThat(stored).as("lead rows stored").isEqualTo(expected);
        assertThat(events).as("outbox rows stored").isEqualTo(expected);

        double a = mean(hibernate);
        double b = mean(plain);
        double c = mean(built);
        StringBuilder md = new StringBuilder();
        md.append("| figure | value |\n|---|---|\n");
        md.append(row("transactions (lead + outbox row + notify each)", "%d per round and path, %d rounds each, "
                .formatted(ROWS, ROUNDS) + "rotating, after %d of each as warm-up; %d in flight at once"
                .formatted(warmup, CONCURRENCY)));
        md.append(row("(a) Hibernate Reactive: `Panache.withTransaction`, `lead.persist()`, `Outbox.record`",
                rates(hibernate) + " → mean **%.0f** inserts/s".formatted(a)));
        md.append(row("(b) reactive PG client: `Pool.withTransaction`, prepared inserts of the same columns",
                rates(plain) + " → mean **%.0f** inserts/s".formatted(b)));
        md.append(row("(c) capture's hot path as built: `Panache.withTransaction`, `LeadRowRepository.insert`, "
                + "`Outbox.record` (prepared inserts on the transaction's connection)",
                rates(built) + " → mean **%.0f** inserts/s".formatted(c)));
        md.append(row("**ratio** (a / b: Hibernate's persist; bar ≥ 0.7, else the hot path moves)", "**%.2f**".formatted(a / b)));
        md.append(row("**ratio** (c / b: capture's hot path now)", "**%.2f**".formatted(c / b)));
        md.append(row("rows stored (lead / outbox)", stored + " / " + events + " of " + expected));
        md.append(row("JVM; database", "%s %s, %d cores; PostgreSQL %s (the test's embedded server: fsync %s, "
                .formatted(System.getProperty("java.vm.name"), System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(), setting("server_version"), setting("fsync"))
                + "synchronous_commit %s)".formatted(setting("synchronous_commit"))));
        System.out.printf("%nP7 HIBERNATE PERSIST VS PREPARED INSERT (%d cores, %s)%n%s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), md);
        if (!OUT.isBlank()) {
            Files.writeString(Path.of(OUT), md, StandardCharsets.UTF_8);
        }
    }

    /** What capture does for a new lead, minus de-duplication: the entity persisted, the event recorded, one transaction. */
    private Uni<Void> hibernate(Lead lead) {
        return Panache.withTransaction(() -> lead.<Lead>persist()
                .chain(() -> outbox.record(lead.id, event(lead)))).replaceWithVoid();
    }

    /** The same rows and the same notify through the reactive client's prepared statements. */
    private Uni<Void> plainClient(Lead lead) {
        String json;
        try {
            json = mapper.writeValueAsString(event(lead));
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(c -> c.preparedQuery(INSERT_LEAD).execute(columns(lead))
                .chain(() -> c.preparedQuery(INSERT_OUTBOX).execute(Tuple.of(UUID.randomUUID(), lead.id.toString(),
                        CE_TYPE, json, utc(occurredAt))))
                .chain(() -> c.query("notify " + Outbox.NOTIFY_CHANNEL).execute())).replaceWithVoid();
    }

    /** What capture does for a new lead now, minus de-duplication: {@link LeadRowRepository} and the {@link Outbox}. */
    private Uni<Void> capture(Lead lead) {
        return Panache.withTransaction(() -> rows.insert(lead).chain(() -> outbox.record(lead.id, event(lead))))
                .replaceWithVoid();
    }

    private static LeadCaptured event(Lead lead) {
        return LeadCaptured.of(lead, LeadAttributes.of(lead, LeadQuality.of(lead), Map.of()));
    }

    private static Tuple columns(Lead l) {
        return Tuple.from(values(l));
    }

    private static List<Object> values(Lead l) {
        return (Arrays.asList(l.id, l.firstName, l.lastName, l.email, l.phone, l.company, l.jobTitle,
                l.street, l.city, l.postalCode, l.region, l.country, l.language, l.timeZone, l.products, l.segment,
                l.tags, l.dealAmount, l.dealCurrency, json(l.customQualifiers), json(l.socialAccounts), l.birthDate,
                l.source, l.campaign, json(l.utm), l.referrer, l.notes, l.partnerId, l.formKey, l.capturedBy,
                utc(l.createdAt), utc(l.updatedAt), l.erasedAt == null ? null : utc(l.erasedAt)));
    }

    /** Lead {@code n} of a round: a new person from the API, as P1's generator sends them (normalised). */
    static Lead lead(String round, int n) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.firstName = "Ada";
        lead.lastName = "Number" + n;
        lead.email = "ada.%s.%d@load.example".formatted(round, n);
        lead.phone = n % 2 == 0 ? "+1312%07d".formatted(2_300_000 + n % 1_000_000) : null;
        lead.company = "Analytical Engines Ltd";
        lead.jobTitle = "Head of Operations";
        lead.country = "GB";
        lead.source = "api";
        lead.capturedBy = round;
        lead.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        lead.updatedAt = lead.createdAt;
        return lead;
    }

    /** {@code rows} transactions of one path, {@link #CONCURRENCY} chains at once; inserts (transactions) per second. */
    private double round(String round, int rows, java.util.function.Function<Lead, Uni<Void>> path) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> chains = new ArrayList<>();
            long started = System.nanoTime();
            for (int w = 0; w < CONCURRENCY; w++) {
                int first = w;
                IntFunction<Uni<Void>> one = n -> Uni.createFrom().deferred(() -> path.apply(lead(round, n)));
                chains.add(workers.submit(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> Multi.createFrom()
                                .range(0, (rows - first + CONCURRENCY - 1) / CONCURRENCY)
                                .onItem().transformToUniAndConcatenate(i -> one.apply(first + i * CONCURRENCY))
                                .collect().last());
                    } catch (Throwable e) {
                        throw new IllegalStateException("a chain of " + round + " failed", e);
                    }
                }));
            }
            for (Future<?> chain : chains) {
                chain.get();
            }
            return rows / ((System.nanoTime() - started) / 1e9);
        } finally {
            workers.shutdownNow();
        }
    }

    private String setting(String name) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.query("show " + name).execute()
                .map(rows -> rows.iterator().next().getString(0)));
    }

    private long count(String sql, Tuple params) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(sql).execute(params)
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    private static JsonObject json(Map<String, ?> map) {
        return new JsonObject(new HashMap<String, Object>(map));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> "%.0f".formatted(v)).reduce((x, y) -> x + ", " + y).orElse("") + " /s";
    }

    private static String row(String what, String value) {
        return "| " + what + " | " + value + " |\n";
    }
}
