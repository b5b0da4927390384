package io.leadstream.scoring.model.rest;

import static io.leadstream.scoring.ScoringFixture.captured;
import static io.leadstream.scoring.ScoringFixture.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.scoring.ScoringFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * The predictive model's life through the API and the event channels, on a database of its own (the profile starts a
 * fresh one, and the models trained here must not reach other tests' scores): no model yet, 200 leads whose outcome
 * follows a known signal (heat pumps and a corporate email win, the rest mostly loses), a shadow model trained on them
 * that scores leads on the side, its promotion and the re-scoring job, and its points in later scores. The steps run
 * in order and build on each other.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(ModelResourceTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelResourceTest {

    /**
     * A database of its own; the re-scoring job runner every second rather than every 2; outbox batches under the
     * emitter's buffer of 128, which the in-memory sink cannot drain as fast as Kafka does (the promotion re-scores
     * and announces 200 leads at once; see the chassis' OutboxTest).
     */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.scoring.jobs.every", "1s", "leadstream.outbox.batch-size", "50");
        }
    }

    static final Duration LONG_WAIT = Duration.ofSeconds(90);
    static final int LEADS = 200;
    /** the rules-v1 score of the fixture's lead (heat pumps, corporate email) and of its lookalike without either */
    static final int SIGNAL_RULES_SCORE = 53;
    static final int NO_SIGNAL_RULES_SCORE = 46;

    static int won;
    static String trainedLead;
    static String shadowedSignal;
    static String shadowedNoSignal;

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;

    ScoringFixture events;

    @BeforeEach
    void channels() {
        events = new ScoringFixture(connector);
    }

    /** The fixture's lead, with or without the signal, in this country. */
    static String lead(String leadId, boolean heatPumps, boolean corporate, String country) {
        String json = captured(leadId, null).replace("\"country\":\"GB\"", "\"country\":\"" + country + "\"");
        json = heatPumps ? json : json.replace("\"heat-pumps\"", "\"solar\"");
        return corporate ? json : json.replace("\"CORPORATE\"", "\"FREE\"");
    }

    String capture(boolean heatPumps, boolean corporate) {
        String leadId = UUID.randomUUID().toString();
        events.capture("lead.captured", leadId, lead(leadId, heatPumps, corporate, "GB"));
        events.awaitScored(leadId, 1);
        return leadId;
    }

    /** 1 when the lead's current score carries model-v1's shadow score and {@code condition} holds, else 0. */
    static long shadowed(String leadId, String condition) {
        return count("select count(*) from lead_score where lead_id = ? and shadow_model = 'model-v1' and " + condition,
                UUID.fromString(leadId));
    }

    @Test
    @Order(1)
    void shouldAnswerWithoutTokenWith401Problem() {
        given().get("/api/scoring/model").then().statusCode(401).contentType("application/problem+json");
        given().post("/api/scoring/model/train").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldRefuseEveryoneButAdminsWith403Problem() {
        given().get("/api/scoring/model").then().statusCode(403).contentType("application/problem+json");
        given().post("/api/scoring/model/train").then().statusCode(403).contentType("application/problem+json");
        given().post("/api/scoring/model/promote").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRefuseToTrainWithoutEnoughWonAndLostLeads() {
        given().post("/api/scoring/model/train").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-enough-outcomes"))
                .body("detail", startsWith("the model needs at least 10 won and 10 lost outcomes to learn from; "
                        + "there are 0 won and 0 lost"));
        assertThat(count("select count(*) from scoring_model")).isZero();
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRefuseToPromoteWithoutAShadowModel() {
        given().post("/api/scoring/model/promote").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/no-shadow-model"));
        given().get("/api/scoring/model").then().statusCode(200)
                .body("active", nullValue()).body("shadow", nullValue());
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldTrainAShadowModelThatFindsTheSignalInWonAndLostLeads() {
        Random random = new Random(8);
        // the trainer takes the leads in lead id order and holds out a seeded sample of them: lead ids from a seeded
        // generator make the model, and so its measured quality, the same on every run (random ids made it vary)
        Random ids = new Random(80);
        List<String> leads = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        List<String> countries = List.of("DE", "FR", "NL", "GB");
        for (int i = 0; i < LEADS; i++) {
            boolean heatPumps = random.nextBoolean();
            boolean corporate = random.nextBoolean();
            double wonRate = heatPumps && corporate ? 0.9 : heatPumps || corporate ? 0.5 : 0.1;
            String leadId = new UUID(ids.nextLong(), ids.nextLong()).toString();
            events.capture("lead.captured", leadId,
                    lead(leadId, heatPumps, corporate, countries.get(random.nextInt(countries.size()))));
            leads.add(leadId);
            outcomes.add(random.nextDouble() < wonRate);
        }
        // outcomes only once every lead is known: nurture's channel runs beside capture's
        await().atMost(LONG_WAIT).until(() -> leads.stream().allMatch(id -> !events.scored(id).isEmpty()));
        for (int i = 0; i < LEADS; i++) {
            events.stage(leads.get(i), "NEGOTIATION", outcomes.get(i) ? "CUSTOMER" : "UNQUALIFIED");
        }
        await().atMost(LONG_WAIT).until(() -> count("select count(*) from lead_profile where outcome is not null") == LEADS);
        won = (int) outcomes.stream().filter(w -> w).count();
        trainedLead = leads.get(0);

        JsonPath model = given().post("/api/scoring/model/train").then().statusCode(201)
                .contentType("application/json").header("Location", endsWith("/api/scoring/model"))
                .body("version", equalTo(1)).body("state", equalTo("SHADOW")).body("trainedBy", equalTo("admin"))
                .body("promotedAt", nullValue())
                .body("samples.won", equalTo(won)).body("samples.lost", equalTo(LEADS - won))
                .body("samples.heldOutSize", equalTo(40)).body("samples.trainingSize", equalTo(160))
                .body("quality.count", equalTo(40)).body("quality.calibration", hasSize(4))
                .body("topWeights", hasSize(lessThan(11)))
                .extract().jsonPath();

        assertThat(model.getDouble("quality.auc")).isGreaterThan(0.7);
        assertThat(model.getDouble("quality.logLoss")).isLessThan(Math.log(2));
        assertThat(model.getDouble("topWeights.find { it.feature == 'products∋heat-pumps' }.weight")).isPositive();
        assertThat(model.getDouble("topWeights.find { it.feature == 'emailDomainKind=CORPORATE' }.weight")).isPositive();
        assertThat(count("select count(*) from lead_score where shadow_score is not null"))
                .as("training alone re-scores nothing").isZero();
        given().get("/api/scoring/model").then().statusCode(200)
                .body("active", nullValue()).body("shadow.version", equalTo(1))
                .body("shadow.shadowing.scores", equalTo(0)).body("shadow.shadowing.meanDifference", nullValue());
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRecordWhatTheShadowModelWouldScoreWithoutChangingTheScore() {
        shadowedSignal = capture(true, true);
        shadowedNoSignal = capture(false, false);

        given().get("/api/scores/" + shadowedSignal).then().statusCode(200)
                .body("score", equalTo(SIGNAL_RULES_SCORE)).body("model", equalTo(0))
                .body("modelVersion", equalTo("rules-v1")).body("reasons.part", not(hasItem("MODEL")));
        given().get("/api/scores/" + shadowedNoSignal).then().statusCode(200)
                .body("score", equalTo(NO_SIGNAL_RULES_SCORE)).body("modelVersion", equalTo("rules-v1"));
        assertThat(shadowed(shadowedSignal, "shadow_score > score")).as("the shadow model would score the signal higher").isOne();
        assertThat(shadowed(shadowedNoSignal, "shadow_score < score")).as("and the lead without it lower").isOne();

        // a lead scored before the training gets its shadow score when it is re-scored
        events.inquiry(trainedLead);
        await().atMost(ScoringFixture.WAIT).until(() -> shadowed(trainedLead, "shadow_score is not null") == 1);

        given().get("/api/scoring/model").then().statusCode(200)
                .body("shadow.shadowing.scores", equalTo(3)).body("shadow.shadowing.meanDifference", notNullValue());
    }

    @Test
    @Order(7)
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldPromoteTheShadowModelAndRescoreEveryLeadWithIt() {
        JsonPath promoted = given().post("/api/scoring/model/promote").then().statusCode(200)
                .body("model.version", equalTo(1)).body("model.state", equalTo("ACTIVE"))
                .body("model.promotedBy", equalTo("admin")).body("model.promotedAt", notNullValue())
                .extract().jsonPath();
        String job = promoted.getString("job.id");
        assertThat(promoted.getString("job.reason")).isEqualTo("model-v1 promoted");
        assertThat(promoted.getString("job.href")).isEqualTo("/api/scoring/rules/jobs/" + job);
        assertThat(count("select count(*) from rescore_job where id = ? and reason = 'model-v1 promoted'",
                UUID.fromString(job))).isOne();

        await().atMost(LONG_WAIT).until(() -> count("select count(*) from rescore_job where id = ? and state = 'DONE'",
                UUID.fromString(job)) == 1);
        given().get("/api/scores/" + shadowedSignal).then().statusCode(200)
                .body("modelVersion", equalTo("rules-v1+model-v1")).body("trigger", equalTo("model-v1 promoted"))
                .body("model", greaterThan(0)).body("score", greaterThan(SIGNAL_RULES_SCORE));
        given().get("/api/scores/" + shadowedNoSignal).then().statusCode(200)
                .body("model", lessThan(0)).body("score", lessThan(NO_SIGNAL_RULES_SCORE));
        assertThat(count("select count(*) from lead_score where shadow_score is not null"))
                .as("no shadow model any more").isZero();
        given().get("/api/scoring/model").then().statusCode(200)
                .body("active.version", equalTo(1)).body("active.state", equalTo("ACTIVE"))
                .body("active.shadowing", nullValue()).body("shadow", nullValue());
        given().post("/api/scoring/model/promote").then().statusCode(409);
    }

    @Test
    @Order(8)
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldAddTheActiveModelsPointsToEveryNewScoreWithItsReason() throws Exception {
        String signal = capture(true, true);
        String noSignal = capture(false, false);

        JsonPath score = given().get("/api/scores/" + signal).then().statusCode(200)
                .body("modelVersion", equalTo("rules-v1+model-v1"))
                .body("reasons.find { it.code == 'MODEL_V1' }.part", equalTo("MODEL"))
                .body("reasons.find { it.code == 'MODEL_V1' }.detail",
                        startsWith("predictive model v1: "))
                .body("reasons.find { it.code == 'MODEL_V1' }.detail", containsString(
                        "products∋heat-pumps"))
                .extract().jsonPath();
        int points = score.getInt("reasons.find { it.code == 'MODEL_V1' }.points");
        assertThat(points).isPositive().isLessThanOrEqualTo(15);
        assertThat(score.getInt("model")).isEqualTo(points);
        assertThat(score.getInt("score")).isEqualTo(SIGNAL_RULES_SCORE + points);

        JsonNode announced = mapper.readTree(events.awaitScored(signal, 1));
        assertThat(announced.get("modelVersion").asText()).isEqualTo("rules-v1+model-v1");
        assertThat(announced.get("model").asInt()).isEqualTo(points);
        assertThat(announced.get("reasonCodes").toString()).contains("MODEL_V1");

        given().get("/api/scores/" + noSignal).then().statusCode(200)
                .body("modelVersion", equalTo("rules-v1+model-v1"))
                .body("reasons.find { it.code == 'MODEL_V1' }.points", lessThan(0))
                .body("reasons.find { it.code == 'MODEL_V1' }.points", greaterThanOrEqualTo(-15))
                .body("reasons.find { it.code == 'MODEL_V1' }.detail", containsString("against: "));
    }
}
