package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * R3 (quality.md, issue 14's fault suite): every service's consumer group is rewound to the start of its topics and
 * reads everything again, as after an operator's {@code --reset-offsets --to-earliest} or a lost offsets topic. A
 * few leads first go through the whole pipeline (scored, assigned, opened; two of them contacted and sent an email
 * through GreenMail); then the five services are stopped, their groups rewound, the services started again, and once
 * every group has read past what its topics held at the rewind nothing has changed: each lead's score history,
 * assignment, stage and timeline, the mails in GreenMail, and the insights numbers of the scenario's time window (its
 * leads' cohort). Work that goes on meanwhile elsewhere (a re-scoring job publishing for other leads) does not
 * disturb it: the scenario waits for offsets, not for empty topics.
 */
@org.junit.jupiter.api.Tag("long-fault") // faults.sh runs it; CI's system tests leave it out (time: about 3 minutes)
class ReliabilityR3Test {

    static final int LEADS = 4;
    static final int MAILED = 2;
    static final Duration SETTLE = Duration.ofSeconds(90);
    /** Reading every topic again from the start: long on a machine whose local topics hold every earlier run. */
    static final Duration REPLAY = Duration.ofMinutes(15);

    @Test
    void shouldChangeNothingWhenEveryConsumerGroupReadsItsTopicsAgain() throws Exception {
        String crm = Suite.crmApp();
        String manager = Suite.userToken("manager");
        String admin = Suite.userToken("admin");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minusSeconds(1);
        try (FaultRecord record = FaultRecord.start("R3"); ConsumerGroups groups = new ConsumerGroups()) {
            Map<String, String> emails = new LinkedHashMap<>();
            for (int i = 0; i < LEADS; i++) {
                String email = "gh%d.%s@navy.example".formatted(i, unique);
                FaultRecord.Exchange created = record.createLead(crm, """
                        {"firstName":"Grace","lastName":"Hopper%d","email":"%s","phone":"%s","company":"COBOL %d %s",
                         "language":"en","timeZone":"%s","source":"api"}""".formatted(i, email, Suite.uniquePhone(), i,
                        unique, NurtureTest.daytimeZone()), null);
                assertThat(created.status()).isEqualTo(201);
                emails.put(created.leadId(), email);
                record.post("POST consent", crm, Suite.CAPTURE + "/api/leads/" + created.leadId() + "/consents", """
                        {"purpose":"marketing","channel":"email","status":"GRANTED",
                         "proof":{"method":"verbal","textVersion":"marketing-2026","source":"system-test","address":"%s"}}"""
                        .formatted(email), Map.of());
            }
            List<String> leads = List.copyOf(emails.keySet());
            for (String lead : leads.subList(0, MAILED)) {
                String rep = Suite.userToken(owner(manager, lead));
                String nurture = Suite.NURTURE + "/api/leads/" + lead;
                given().auth().oauth2(rep).contentType("application/json").body("{\"to\":\"CONTACTED\"}")
                        .post(nurture + "/stage").then().statusCode(200);
                await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> // consent known
                        assertThat(record.post("POST message", rep, nurture + "/messages",
                                "{\"channel\":\"EMAIL\",\"templateKey\":\"thank-you\"}",
                                Map.of("Idempotency-Key", "r3-" + lead)).status()).isEqualTo(201));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> mails(emails.get(lead)) == 1);
            }
            leads.forEach(lead -> owner(manager, lead)); // every lead opened in nurture
            Thread.sleep(2000); // the last effects' events leave their outboxes
            // everything on the topics now applied (other work, a re-scoring job say, may go on publishing meanwhile)
            groups.awaitPast(groups.endsNow(ConsumerGroups.SERVICES), SETTLE);
            Instant to = Instant.now().plusSeconds(1);
            Map<String, String> before = snapshot(leads, emails, manager, admin, from, to);

            long replayed = 0;
            for (String service : ConsumerGroups.SERVICES) {
                Suite.component("stop", service);
            }
            Map<String, Map<org.apache.kafka.common.TopicPartition, Long>> ends = groups.endsNow(ConsumerGroups.SERVICES);
            try {
                for (String service : ConsumerGroups.SERVICES) {
                    replayed += groups.rewindToEarliest(service, Duration.ofSeconds(60));
                }
            } finally {
                for (String service : ConsumerGroups.SERVICES) {
                    Suite.component("start", service);
                }
            }
            Instant replayStart = Instant.now();
            groups.awaitPast(ends, REPLAY);
            System.out.printf("R3: %d records read again in %d s%n", replayed,
                    Duration.between(replayStart, Instant.now()).toSeconds());
            Map<String, String> after = snapshot(leads, emails, manager, admin, from, to);

            List<String> changed = new ArrayList<>();
            before.forEach((what, value) -> {
                if (!Objects.equals(value, after.get(what))) {
                    changed.add(what + "\n  before: " + value + "\n  after:  " + after.get(what));
                }
            });
            int unchangedLeads = (int) leads.stream().filter(lead -> changed.stream().noneMatch(c -> c.contains(lead)))
                    .count();
            int incomplete = (int) leads.stream()
                    .filter(lead -> JsonPath.from(before.get("score history " + lead)).getList("changes").isEmpty()
                            || JsonPath.from(before.get("assignment " + lead)).getString("repId") == null)
                    .count();
            FaultRecord.Report report = record.report("%d leads scored, assigned and opened (%d contacted and mailed), "
                    .formatted(LEADS, MAILED) + "then every consumer group rewound to the start; events found = records "
                    + "read again; duplicates = what changed (scores, assignments, stages, timelines, mails, insights)",
                    "every topic", unchangedLeads, (int) Math.min(Integer.MAX_VALUE, replayed), changed.size(),
                    incomplete);

            // what is compared holds the effects: a second email, score or timeline entry would show
            leads.subList(0, MAILED).forEach(lead -> assertThat(before).containsEntry("mails to " + lead, "1"));
            assertThat(JsonPath.from(before.get("timeline " + leads.get(0))).getList("items.stageChange.to"))
                    .contains("OPEN", "CONTACTED");
            assertThat(changed).as("what reading everything again changed").isEmpty();
            assertThat(report.losses()).isZero();
            assertThat(replayed).as("records read again").isPositive();
        }
    }

    /** Waits until nurture has opened {@code lead} and answers its owner. */
    private static String owner(String manager, String lead) {
        AtomicReference<String> owner = new AtomicReference<>();
        await().atMost(Suite.JOURNEY.multipliedBy(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath stage = given().auth().oauth2(manager).get(Suite.NURTURE + "/api/leads/" + lead + "/stage")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(stage.getString("owner")).isNotNull();
            owner.set(stage.getString("owner"));
        });
        return owner.get();
    }

    /** Everything the consumers' effects show, by name: what must read the same after the replay. */
    private static Map<String, String> snapshot(List<String> leads, Map<String, String> emails, String manager,
            String admin, Instant from, Instant to) {
        Map<String, String> state = new LinkedHashMap<>();
        for (String lead : leads) {
            state.put("score history " + lead, body(admin, Suite.SCORING + "/api/scores/" + lead + "/history"));
            state.put("assignment " + lead, body(admin, Suite.DISTRIBUTION + "/api/assignments/" + lead));
            state.put("stage " + lead, body(manager, Suite.NURTURE + "/api/leads/" + lead + "/stage"));
            state.put("timeline " + lead, body(manager, Suite.NURTURE + "/api/leads/" + lead + "/timeline?order=oldest"));
            state.put("mails to " + lead, String.valueOf(mails(emails.get(lead))));
        }
        String window = "from=" + from + "&to=" + to;
        for (String insight : List.of("summary?", "funnel?", "leads?groupBy=source&period=month&", "reps?",
                "scoring?", "sources?")) {
            state.put("insights " + insight, body(manager, Suite.INSIGHTS + "/api/insights/" + insight + window));
        }
        return state;
    }

    private static String body(String token, String url) {
        return given().auth().oauth2(token).get(url).then().statusCode(200).extract().asString();
    }

    /** The mails GreenMail holds for {@code email}: none when no mail ever reached it (GreenMail: 400, no such user). */
    private static int mails(String email) {
        var inbox = given().get(NurtureTest.GREENMAIL_API + "/api/user/" + email + "/messages/INBOX/");
        if (inbox.statusCode() == 400 && inbox.asString().contains("not found")) {
            return 0;
        }
        return inbox.then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
