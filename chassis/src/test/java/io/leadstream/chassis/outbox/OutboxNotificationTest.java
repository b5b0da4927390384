package io.leadstream.chassis.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The running relay publishes as soon as the writing transaction commits: its poll is an hour away
 * here, so only the commit-time NOTIFY can have woken it.
 */
@QuarkusTest
@TestProfile(OutboxNotificationTest.RelayListening.class)
class OutboxNotificationTest {

    public static class RelayListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.outbox.relay-enabled", "true", "leadstream.outbox.poll-interval", "1h");
        }
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldPublishACommittedEventWithoutWaitingForThePoll() {
        String eventId = given().contentType("application/json").body("{\"name\":\"notified\"}")
                .post("/test/items")
                .then().statusCode(200).extract().path("eventId");

        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            var task = kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics("chassis.test")
                    .awaitRecords(1, Duration.ofSeconds(20));
            assertThat(task.getRecords()).extracting(OutboxNotificationTest::ceId).contains(eventId);
        }
    }

    private static String ceId(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_id").value());
    }
}
