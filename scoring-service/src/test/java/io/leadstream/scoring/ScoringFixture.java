package io.leadstream.scoring;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.testing.TestEvents;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/**
 * Feeds scoring the events of capture, distribution and nurture through the in-memory channels, and reads what it
 * announced and stored. Events of one lead are processed in order (one partition per channel).
 */
public final class ScoringFixture {

    public static final Duration WAIT = Duration.ofSeconds(15);

    public final InMemorySource<Message<String>> capture;
    public final InMemorySource<Message<String>> distribution;
    public final InMemorySource<Message<String>> nurture;
    public final InMemorySink<String> outbox;

    public ScoringFixture(InMemoryConnector connector) {
        capture = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        distribution = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        nurture = connector.<Message<String>>source("nurture-events").runOnVertxContext(true);
        outbox = connector.sink("outbox");
    }

    /** A lead.captured body: a good lead by default, with what the test changes. */
    public static String captured(String leadId, String extra) {
        return """
                {"leadId":"%s","source":"web","company":"Analytical Engines Ltd","country":"GB","jobTitle":"Engineer",
                 "language":"en","products":["heat-pumps"],"segment":"smb","tags":[],"dealSize":null,
                 "capturedAt":"2026-11-22T10:00:00Z","somethingNew":"ignored",
                 "quality":{"emailValid":true,"emailDomainKind":"CORPORATE","phoneValid":true,
                            "phoneType":"MOBILE","hasCompany":true,"nameLooksReal":true,"addressComplete":false}%s}"""
                .formatted(leadId, extra == null ? "" : "," + extra);
    }

    public static String updated(String leadId, String jobTitle, String emailDomainKind) {
        return """
                {"leadId":"%s","changedFields":["jobTitle"],"source":"web","company":"Analytical Engines Ltd",
                 "country":"GB","jobTitle":"%s","language":"en","products":["heat-pumps"],"segment":"smb","tags":[],
                 "updatedAt":"2026-11-23T10:00:00Z",
                 "quality":{"emailValid":true,"emailDomainKind":"%s","phoneValid":true,"phoneType":"MOBILE",
                            "hasCompany":true,"nameLooksReal":true,"addressComplete":false}}"""
                .formatted(leadId, jobTitle, emailDomainKind);
    }

    public void capture(String type, String leadId, String json) {
        capture.send(TestEvents.event("leadstream." + type + ".v1", leadId, json));
    }

    public void capture(String leadId) {
        capture("lead.captured", leadId, captured(leadId, null));
    }

    public void inquiry(String leadId) {
        capture("lead.inquired", leadId, """
                {"inquiryId":"%s","leadId":"%s","channel":"whatsapp","newLead":false,"messageType":"text",
                 "receivedAt":"%s","textLength":42}""".formatted(UUID.randomUUID(), leadId, java.time.Instant.now()));
    }

    public void assign(String leadId, String rep) {
        distribution.send(TestEvents.event("leadstream.lead.assigned.v1", leadId, """
                {"leadId":"%s","repId":"%s","strategy":"ROUND_ROBIN","reason":"test","score":50,"grade":"B",
                 "assignedAt":"2026-11-22T10:00:05Z"}""".formatted(leadId, rep)));
    }

    /** A rule sent the lead to a pull queue, as distribution announces it. */
    public void queue(String leadId) {
        distribution.send(TestEvents.event("leadstream.lead.queued.v1", leadId, """
                {"leadId":"%s","queue":"inbound-smb","rule":"smb-pull","ruleVersion":5,"reason":"test","score":50,
                 "grade":"B","queuedAt":"2026-11-22T10:00:05Z"}""".formatted(leadId)));
    }

    /** {@code rep} claimed the lead from its pull queue, as distribution announces it. */
    public void claim(String leadId, String rep) {
        distribution.send(TestEvents.event("leadstream.lead.claimed.v1", leadId, """
                {"leadId":"%s","repId":"%s","queue":"inbound-smb","score":50,"grade":"B",
                 "queuedAt":"2026-11-22T10:00:05Z","claimedAt":"2026-11-22T10:04:31Z"}""".formatted(leadId, rep)));
    }

    /** A manager shared the lead with a partner company, as distribution announces it. */
    public void share(String leadId) {
        distribution.send(TestEvents.event("leadstream.lead.shared.v1", leadId, """
                {"leadId":"%s","shareId":"%s","partnerId":"acme","fields":["products","score"],"rule":null,
                 "sharedBy":"manager","sharedAt":"2026-11-23T09:00:00Z","deadline":"2026-11-25T09:00:00Z"}"""
                .formatted(leadId, java.util.UUID.randomUUID())));
    }

    /** A manager moved the lead from {@code previousRep} to {@code rep}, as distribution announces it. */
    public void reassign(String leadId, String previousRep, String rep) {
        distribution.send(TestEvents.event("leadstream.lead.reassigned.v1", leadId, """
                {"leadId":"%s","repId":"%s","previousRepId":"%s","strategy":"MANUAL","rule":null,"ruleVersion":null,
                 "target":"rep:%s","reason":"test","trigger":"MANUAL","actor":"manager","score":50,"grade":"B",
                 "reassignedAt":"2026-11-23T08:30:00Z"}""".formatted(leadId, rep, previousRep, rep)));
    }

    public void stage(String leadId, String from, String to) {
        nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", leadId, """
                {"leadId":"%s","from":%s,"to":"%s","owner":"rep1","reason":"test","changedAt":"%s"}"""
                .formatted(leadId, from == null ? "null" : "\"" + from + "\"", to, java.time.Instant.now())));
    }

    public void activity(String leadId, String kind, String direction, String replyTo) {
        nurture.send(TestEvents.event("leadstream.activity.logged.v1", leadId, """
                {"activityId":"%s","leadId":"%s","kind":"%s","direction":"%s","replyToMessageId":%s,"source":"REP",
                 "loggedBy":"rep1","occurredAt":"%s"}""".formatted(UUID.randomUUID(), leadId, kind, direction,
                replyTo == null ? "null" : "\"" + replyTo + "\"", java.time.Instant.now())));
    }

    /** The lead.scored messages announced for a lead, in order. */
    public List<? extends Message<String>> scored(String leadId) {
        return outbox.received().stream()
                .filter(m -> leadId.equals(TestEvents.cloudEvent(m).getSubject().orElse(null)))
                .toList();
    }

    /** Waits until the lead has {@code n} lead.scored events and returns the last one's payload. */
    public String awaitScored(String leadId, int n) {
        await().atMost(WAIT).until(() -> scored(leadId).size() >= n);
        List<? extends Message<String>> all = scored(leadId);
        return all.get(all.size() - 1).getPayload();
    }

    /** Sends a fresh lead through {@code source} after what was sent before and waits until it is scored. */
    public void drain() {
        String marker = UUID.randomUUID().toString();
        capture(marker);
        awaitScored(marker, 1);
    }

    public static long count(String sql, Object... params) {
        Config config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
