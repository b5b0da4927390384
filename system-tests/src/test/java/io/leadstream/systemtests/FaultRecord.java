package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.restassured.response.Response;

/**
 * The fault suite's recording client (issue 14): every request a scenario sends, with its response, and every event
 * read back from Kafka about the leads the responses name; then the invariants over that record as one table per
 * scenario (requests sent, acknowledged, leads found, events found, copies of an event published again, duplicates,
 * losses), printed and written to {@code target/fault-reports/<scenario>.md} for {@code system-tests/faults.sh} to
 * collect into docs/reliability.md. Reads the lead topics ({@code leads.capture}, {@code leads.scoring},
 * {@code leads.distribution}, {@code leads.nurture}) from their ends as they were when the record started, so only
 * this scenario's events are counted.
 */
final class FaultRecord implements AutoCloseable {

    /** One request and what came back (status 0: no answer at all); the lead it names (a 2xx's {@code id}), if any. */
    record Exchange(String request, int status, String body, String leadId, Map<String, String> headers) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    /** The invariants' figures of one scenario. */
    record Report(String scenario, String what, String events, int sent, int acknowledged, int leadsFound,
            int eventsFound, int redelivered, int duplicates, int losses) {

        String table() {
            return """
                    | %s: %s | |
                    |---|---:|
                    | requests sent | %d |
                    | acknowledged (2xx) | %d |
                    | leads found | %d |
                    | events found (%s) | %d |
                    | copies of one event published again (same ce_id; consumers skip them) | %d |
                    | **duplicates** | **%d** |
                    | **losses** | **%d** |
                    """.formatted(scenario, what, sent, acknowledged, leadsFound, events, eventsFound, redelivered,
                    duplicates, losses);
        }
    }

    static final List<String> TOPICS = List.of("leads.capture", "leads.scoring", "leads.distribution", "leads.nurture");

    private final String scenario;
    private final KafkaConsumer<String, String> events;
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    /** ce_type → lead → the distinct events (ce_id) read so far. */
    private final Map<String, Map<String, Set<String>>> seen = new HashMap<>();
    /** lead → every record about it read so far: its ce_type on the first line, its headers, then its data. */
    private final Map<String, List<String>> texts = new HashMap<>();
    /** Records read again with a ce_id already seen: at-least-once delivery's second copies, which consumers skip. */
    private int copies;

    private FaultRecord(String scenario) {
        this.scenario = scenario;
        events = Suite.consumer();
        List<TopicPartition> partitions = TOPICS.stream()
                .flatMap(t -> events.partitionsFor(t, Duration.ofSeconds(10)).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        events.assign(partitions);
        events.seekToEnd(partitions);
        partitions.forEach(events::position); // the ends resolved before the scenario sends anything
    }

    /** Starts recording scenario {@code scenario} (R1, R2, …). */
    static FaultRecord start(String scenario) {
        return new FaultRecord(scenario);
    }

    /** Sends (and records) a {@code POST /api/leads} with {@code token}, {@code body} and {@code idempotencyKey}. */
    Exchange createLead(String token, String body, String idempotencyKey) {
        return post("POST /api/leads" + (idempotencyKey == null ? "" : " key " + idempotencyKey), token,
                Suite.CAPTURE + "/api/leads", body, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    /**
     * Sends (and records) a {@code POST} of {@code body} (none when null) to {@code url}; the lead a 2xx names is its
     * {@code leadId}, else its {@code id}.
     */
    Exchange post(String label, String token, String url, String body, Map<String, String> headers) {
        var request = given().auth().oauth2(token).headers(headers);
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        Response response;
        try {
            response = request.post(url);
        } catch (Exception e) { // nothing answered (refused, reset: the service is down): recorded as status 0
            if (!(e instanceof IOException) && !(e.getCause() instanceof IOException)) {
                throw e;
            }
            Exchange none = new Exchange(label, 0, String.valueOf(e), null, Map.of());
            exchanges.add(none);
            return none;
        }
        Map<String, String> received = new HashMap<>();
        response.headers().forEach(h -> received.put(h.getName().toLowerCase(), h.getValue()));
        String leadId = null;
        if (response.statusCode() / 100 == 2 && !response.asString().isBlank()) {
            leadId = response.path("leadId") != null ? response.path("leadId") : response.path("id");
        }
        Exchange exchange = new Exchange(label, response.statusCode(), response.asString(), leadId, received);
        exchanges.add(exchange);
        return exchange;
    }

    /**
     * Starts creating {@code leads} leads with {@code token} on a thread of its own, one every {@code pace}: lead i's
     * body is {@code body.apply(i)}, its {@code Idempotency-Key} {@code key.apply(i)} (none when null). The scenario
     * injects its fault meanwhile, then {@link LeadStream#await}s the last.
     */
    LeadStream stream(String token, int leads, Duration pace, java.util.function.IntFunction<String> body,
            java.util.function.IntFunction<String> key) {
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> running = thread.submit(() -> {
            for (int i = 0; i < leads; i++) {
                createLead(token, body.apply(i), key.apply(i));
                Thread.sleep(pace.toMillis());
            }
            return null;
        });
        return new LeadStream(thread, running);
    }

    /** A stream of creates running on its own thread ({@link #stream}). */
    record LeadStream(java.util.concurrent.ExecutorService thread, java.util.concurrent.Future<?> running)
            implements AutoCloseable {

        /** Waits until the last lead has been sent (and fails as the stream failed). */
        void await() throws Exception {
            running.get();
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /**
     * Reads {@code lead.captured} from Kafka until every acknowledged lead has one, or {@code within} has passed, and
     * a further {@code linger} for any second event; answers the distinct events (ce_id) per lead.
     */
    Map<String, Integer> capturedEvents(Duration within, Duration linger) {
        return events("leadstream.lead.captured.v1", within, linger);
    }

    /**
     * Reads the lead topics until every acknowledged lead has an event of {@code ceType} (e.g.
     * {@code leadstream.lead.scored.v1}), or {@code within} has passed, and a further {@code linger} for any second
     * event; answers the distinct events (ce_id) of that type per acknowledged lead (a second copy of one event, as
     * at-least-once delivery may publish after a crash or an outage, is counted in {@link Report#redelivered}).
     */
    Map<String, Integer> events(String ceType, Duration within, Duration linger) {
        Set<String> expected = acknowledgedLeads();
        Instant deadline = Instant.now().plus(within);
        Instant stop = null;
        while (stop == null || Instant.now().isBefore(stop)) {
            poll();
            Map<String, Set<String>> ofType = seen.getOrDefault(ceType, Map.of());
            if (stop == null && (ofType.keySet().containsAll(expected) || Instant.now().isAfter(deadline))) {
                stop = Instant.now().plus(linger);
            }
        }
        Map<String, Integer> found = new HashMap<>();
        seen.getOrDefault(ceType, Map.of()).forEach((lead, ids) -> {
            if (expected.contains(lead)) {
                found.put(lead, ids.size());
            }
        });
        return found;
    }

    /**
     * Waits (up to {@code within}) until every acknowledged lead has been captured, scored and assigned, then reports:
     * leads found = those with all three events; events found = the three kinds' events; duplicates = events beyond
     * one per lead and kind, plus {@code otherDuplicates}; losses = leads missing one of them, plus {@code otherLosses}
     * (what the scenario counted itself, such as dead letters, or effects in other services).
     */
    Report pipelineReport(String what, Duration within, int otherDuplicates, int otherLosses) {
        Map<String, Integer> assigned = events("leadstream.lead.assigned.v1", within, Duration.ofSeconds(1));
        List<Map<String, Integer>> kinds = List.of(events("leadstream.lead.captured.v1", Duration.ZERO, Duration.ZERO),
                events("leadstream.lead.scored.v1", Duration.ZERO, Duration.ZERO), assigned);
        Set<String> acknowledged = acknowledgedLeads();
        int complete = (int) acknowledged.stream().filter(id -> kinds.stream().allMatch(k -> k.containsKey(id))).count();
        int events = kinds.stream().mapToInt(k -> k.values().stream().mapToInt(Integer::intValue).sum()).sum();
        int duplicates = kinds.stream().mapToInt(k -> k.values().stream().mapToInt(n -> n - 1).sum()).sum()
                + otherDuplicates;
        return report(what, "lead.captured, lead.scored, lead.assigned", complete, events, duplicates,
                acknowledged.size() - complete + otherLosses);
    }

    /**
     * Reads the lead topics for {@code linger}, then answers the events about {@code lead} (keyed by it) whose headers
     * or data hold any of {@code values} (ignoring case), as "ce_type: value".
     */
    List<String> leadEventsMentioning(String lead, java.util.Collection<String> values, Duration linger) {
        Instant stop = Instant.now().plus(linger);
        while (Instant.now().isBefore(stop)) {
            poll();
        }
        List<String> mentioning = new ArrayList<>();
        for (String text : texts.getOrDefault(lead, List.of())) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            values.stream().filter(v -> lower.contains(v.toLowerCase(java.util.Locale.ROOT)))
                    .forEach(v -> mentioning.add(text.substring(0, text.indexOf('\n')) + ": " + v));
        }
        return mentioning;
    }

    /** How many records about {@code lead} have been read so far. */
    int leadEventCount(String lead) {
        return texts.getOrDefault(lead, List.of()).size();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(300))) {
            var type = record.headers().lastHeader("ce_type");
            var id = record.headers().lastHeader("ce_id");
            if (record.key() == null) {
                continue;
            }
            StringBuilder text = new StringBuilder(type == null ? "?" : new String(type.value(), StandardCharsets.UTF_8))
                    .append('\n');
            record.headers().forEach(h -> text.append(h.key()).append(": ")
                    .append(new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
            texts.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(text.append(record.value()).toString());
            if (type != null && id != null) {
                boolean added = seen.computeIfAbsent(new String(type.value(), StandardCharsets.UTF_8),
                        t -> new HashMap<>()).computeIfAbsent(record.key(), k -> new HashSet<>())
                        .add(new String(id.value(), StandardCharsets.UTF_8));
                copies += added ? 0 : 1;
            }
        }
    }

    /** How many partitions {@code topic} has. */
    int partitions(String topic) {
        return events.partitionsFor(topic, Duration.ofSeconds(10)).size();
    }

    /** The end offset of {@code topic} now, summed over its partitions (a dead-letter topic's size, say). */
    long endOffset(String topic) {
        List<TopicPartition> partitions = events.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return events.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The distinct leads the 2xx answers to {@code POST /api/leads} named. */
    Set<String> acknowledgedLeads() {
        Set<String> leads = new LinkedHashSet<>();
        exchanges().stream().filter(e -> e.acknowledged() && e.request().startsWith("POST /api/leads"))
                .map(Exchange::leadId).forEach(leads::add);
        return leads;
    }

    /**
     * The report: {@code leadsFound} from the caller (read from the service), events from {@link #capturedEvents};
     * duplicates: events beyond one per lead, plus leads beyond what the scenario meant to create
     * ({@code leadsMeant}); losses: acknowledged leads with no lead found or no event.
     */
    Report report(String what, int leadsMeant, Set<String> leadsFound, Map<String, Integer> eventsPerLead) {
        Set<String> acknowledged = acknowledgedLeads();
        int events = eventsPerLead.values().stream().mapToInt(Integer::intValue).sum();
        int duplicates = eventsPerLead.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum()
                + Math.max(0, acknowledged.size() - leadsMeant);
        int losses = (int) acknowledged.stream().filter(id -> !leadsFound.contains(id) || !eventsPerLead.containsKey(id))
                .count();
        return report(what, "lead.captured", leadsFound.size(), events, duplicates, losses);
    }

    /** A report whose figures the scenario counted itself (requests sent and acknowledged from the record). */
    Report report(String what, String events, int leadsFound, int eventsFound, int duplicates, int losses) {
        List<Exchange> all = exchanges();
        Report report = new Report(scenario, what, events, all.size(),
                (int) all.stream().filter(Exchange::acknowledged).count(), leadsFound, eventsFound, copies, duplicates,
                losses);
        write(report);
        return report;
    }

    private void write(Report report) {
        System.out.printf("%n%s%n", report.table());
        Path dir = Path.of("target", "fault-reports");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".md"), report.table());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
