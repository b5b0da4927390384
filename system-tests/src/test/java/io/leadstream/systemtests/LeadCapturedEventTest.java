package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lead.captured event on the real broker: CloudEvents headers, keyed by lead id, no personal data. */
class LeadCapturedEventTest {

    @Test
    void shouldPublishLeadCapturedWithCloudEventsHeadersAndNoPersonalData() {
        try (KafkaConsumer<String, String> consumer = Suite.consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor("leads.capture", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets before posting

            String unique = UUID.randomUUID().toString().substring(0, 8);
            String email = "katherine." + unique + "@nasa.example";
            String phone = Suite.uniquePhone();
            String leadId = given().auth().oauth2(Suite.crmApp()).contentType("application/json")
                    .body("""
                            {"firstName":"Katherine","lastName":"Johnson","email":"%s","phone":"%s",
                             "company":"Langley Research","source":"web"}""".formatted(email, phone))
                    .post(Suite.CAPTURE + "/api/leads")
                    .then().statusCode(201).extract().path("id");

            ConsumerRecord<String, String> event = null;
            Instant deadline = Instant.now().plus(Suite.JOURNEY);
            while (event == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (leadId.equals(record.key())) {
                        event = record;
                    }
                }
            }

            assertThat(event).as("lead.captured for %s on leads.capture", leadId).isNotNull();
            assertThat(header(event, "ce_id")).isNotBlank();
            assertThat(header(event, "ce_type")).isEqualTo("leadstream.lead.captured.v1");
            assertThat(header(event, "ce_source")).isEqualTo("/capture-service");
            assertThat(header(event, "ce_subject")).isEqualTo(leadId);
            assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
            assertThat(Instant.parse(header(event, "ce_time"))).isBefore(Instant.now().plusSeconds(5));
            assertThat(event.value()).contains(leadId)
                    .doesNotContainIgnoringCase(email).doesNotContainIgnoringCase("katherine")
                    .doesNotContain("Johnson").doesNotContain(phone.replace(" ", "").substring(1))
                    .doesNotContain(phone.replace(" ", "").substring(phone.replace(" ", "").length() - 7));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
