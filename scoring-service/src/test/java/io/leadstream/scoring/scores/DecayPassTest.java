package io.leadstream.scoring.scores;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.scoring.ScoringFixture;
import io.leadstream.scoring.TestClocks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** Engagement fades with the half-life; the decay pass re-scores leads whose score moved by the step (moved clock). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class DecayPassTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    DecayPass decay;
    @Inject
    ObjectMapper mapper;

    ScoringFixture events;

    @BeforeEach
    void channels() {
        events = new ScoringFixture(connector);
    }

    @AfterEach
    void realTime() {
        TestClocks.CLOCK.reset();
    }

    DecayPass.Result runPass() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> decay.run());
    }

    @Test
    void shouldLowerTheScoreOfALeadWhoseEngagementFadedByTheStep() throws Throwable {
        String engaged = UUID.randomUUID().toString();
        events.capture(engaged);
        events.inquiry(engaged);
        events.awaitScored(engaged, 2);
        given().get("/api/scores/" + engaged).then().body("engagement", equalTo(8)).body("score", equalTo(61));

        TestClocks.CLOCK.advance(Duration.ofDays(1));
        DecayPass.Result soon = runPass();
        assertThat(soon.looked()).isGreaterThanOrEqualTo(1);
        assertThat(events.scored(engaged)).as("a day fades 8 points by less than the step of 3").hasSize(2);

        TestClocks.CLOCK.advance(Duration.ofDays(59));
        runPass();
        var rescored = mapper.readTree(events.awaitScored(engaged, 3));
        assertThat(rescored.get("trigger").asText()).isEqualTo("decay");
        assertThat(rescored.get("engagement").asInt()).as("two half-lives: a quarter of 8").isEqualTo(2);
        assertThat(rescored.get("score").asInt()).isEqualTo(55);
        assertThat(rescored.get("qualified").asBoolean()).as("qualified once, stays qualified").isTrue();
        given().get("/api/scores/" + engaged).then().body("reasons.find { it.code == 'INQUIRY' }.detail",
                equalTo("1 inquiry, the latest 60 days ago"));

        runPass();
        assertThat(events.scored(engaged)).as("nothing moved since the last pass").hasSize(3);
    }
}
