package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * R8 (quality.md, issue 14's fault suite): on the running suite, a rule sends a dozen leads to a pull queue of their
 * own; the three reps claim from it with four clients each, all at once, until it is empty: every lead is claimed
 * exactly once. Then, for four of them, two managers reassign the lead to the same rep at the same moment: exactly one
 * of the two wins (200), the other is told the rep already works it (409).
 */
class ReliabilityR8Test {

    static final int LEADS = 12;
    static final int CLIENTS_PER_REP = 4;
    static final int RACES = 4;
    static final List<String> REPS = List.of("rep1", "rep2", "rep3");

    @Test
    void shouldLetExactlyOneClaimAndOneReassignmentWin() throws Exception {
        String admin = Suite.userToken("admin");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String product = "r8-" + unique;
        String queue = "r8-" + unique;
        JsonPath before = Suite.rulesInForce(admin);
        try (FaultRecord record = FaultRecord.start("R8")) {
            Suite.putRulesFirst(admin, before, Map.of("name", queue, "when", Map.of("products", List.of(product)),
                    "target", Map.of("type", "QUEUE", "id", queue)));
            for (int i = 0; i < LEADS; i++) {
                record.createLead(Suite.crmApp(), """
                        {"firstName":"Barbara","lastName":"Liskov%d","email":"bl%d.%s@clu.example","company":"CLU %d %s",
                         "source":"api","qualifiers":{"products":["%s"]}}""".formatted(i, i, unique, i, unique, product),
                        null);
            }
            assertThat(record.acknowledgedLeads()).hasSize(LEADS);
            await().atMost(Suite.JOURNEY.multipliedBy(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().auth().oauth2(admin).get(Suite.DISTRIBUTION + "/api/queues/" + queue).then()
                            .statusCode(200).body("leads", hasSize(LEADS)));

            // every rep's clients claim at once until the queue answers 204
            ExecutorService clients = Executors.newFixedThreadPool(REPS.size() * CLIENTS_PER_REP);
            List<FaultRecord.Exchange> claims = new ArrayList<>();
            try {
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<List<FaultRecord.Exchange>>> running = new ArrayList<>();
                for (String rep : REPS) {
                    String token = Suite.userToken(rep);
                    for (int c = 0; c < CLIENTS_PER_REP; c++) {
                        running.add(clients.submit(() -> {
                            gate.await();
                            List<FaultRecord.Exchange> mine = new ArrayList<>();
                            FaultRecord.Exchange claim;
                            do {
                                claim = record.post("POST claim " + rep, token,
                                        Suite.DISTRIBUTION + "/api/queues/" + queue + "/claim", null, Map.of());
                                mine.add(claim);
                            } while (claim.status() == 200);
                            return mine;
                        }));
                    }
                }
                gate.countDown();
                for (Future<List<FaultRecord.Exchange>> f : running) {
                    claims.addAll(f.get());
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(claims).extracting(FaultRecord.Exchange::status).containsOnly(200, 204);
            Map<String, Integer> claimedTimes = new HashMap<>();
            Map<String, String> claimedBy = new HashMap<>();
            for (FaultRecord.Exchange claim : claims) {
                if (claim.status() == 200) {
                    claimedTimes.merge(claim.leadId(), 1, Integer::sum);
                    claimedBy.put(claim.leadId(), JsonPath.from(claim.body()).getString("repId"));
                }
            }

            // two managers reassign one lead to the same rep at the same moment, four times
            List<int[]> races = new ArrayList<>();
            ExecutorService managers = Executors.newFixedThreadPool(2);
            try {
                for (String leadId : claimedBy.keySet().stream().sorted().limit(RACES).toList()) {
                    String target = REPS.stream().filter(r -> !r.equals(claimedBy.get(leadId))).findFirst().orElseThrow();
                    String body = "{\"repId\":\"%s\",\"reason\":\"R8: two managers at once\"}".formatted(target);
                    CountDownLatch gate = new CountDownLatch(1);
                    List<Future<FaultRecord.Exchange>> two = new ArrayList<>();
                    for (String manager : List.of("manager", "admin")) {
                        String token = Suite.userToken(manager);
                        two.add(managers.submit(() -> {
                            gate.await();
                            return record.post("POST reassign by " + manager, token,
                                    Suite.DISTRIBUTION + "/api/assignments/" + leadId + "/reassign", body, Map.of());
                        }));
                    }
                    gate.countDown();
                    int won = 0;
                    int refused = 0;
                    for (Future<FaultRecord.Exchange> f : two) {
                        int status = f.get().status();
                        won += status == 200 ? 1 : 0;
                        refused += status == 409 ? 1 : 0;
                    }
                    races.add(new int[] { won, refused });
                    given().auth().oauth2(admin).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId).then()
                            .statusCode(200).body("repId", org.hamcrest.Matchers.equalTo(target));
                }
            } finally {
                managers.shutdownNow();
            }

            Map<String, Integer> events = record.capturedEvents(Suite.JOURNEY, Duration.ofSeconds(1));
            int doubleClaims = claimedTimes.values().stream().mapToInt(n -> n - 1).sum();
            int doubleWins = (int) races.stream().filter(r -> r[0] > 1).count();
            int unclaimed = (int) record.acknowledgedLeads().stream().filter(id -> !claimedTimes.containsKey(id)).count();
            int noWinner = (int) races.stream().filter(r -> r[0] == 0).count();
            FaultRecord.Report report = record.report("%d leads claimed by %d clients at once, then %d reassignment races "
                    .formatted(LEADS, REPS.size() * CLIENTS_PER_REP, RACES) + "of two managers; leads found = claimed",
                    "lead.captured", claimedTimes.size(), events.values().stream().mapToInt(Integer::intValue).sum(),
                    doubleClaims + doubleWins, unclaimed + noWinner);

            assertThat(claimedTimes).as("leads claimed, each once").hasSize(LEADS).allSatisfy((id, n) -> assertThat(n).isOne());
            assertThat(claimedTimes.keySet()).containsExactlyInAnyOrderElementsOf(record.acknowledgedLeads());
            assertThat(races).allSatisfy(r -> assertThat(r).as("200s and 409s of a race").containsExactly(1, 1));
            assertThat(report.duplicates()).isZero();
            assertThat(report.losses()).isZero();
        } finally {
            Suite.putRules(admin, before.getList("rules"), before);
        }
    }
}
