package io.leadstream.capture.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.Column;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * A lead written by capture's prepared insert reads back through Hibernate exactly as it was: every field Hibernate
 * would insert is set here (the test names any that is not, so a field added to {@link Lead} must be given a value
 * here and a column in {@link LeadRowRepository#INSERT}).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class LeadRowRepositoryTest {

    @Inject
    LeadRowRepository rows;

    @Test
    void shouldStoreEveryFieldHibernateWouldInsert() throws Throwable {
        Lead lead = everyField();
        assertThat(unset(lead)).as("insertable fields of Lead without a value in this test").isEmpty();

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> rows.insert(lead)));
        Lead read = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Lead.<Lead>findById(lead.id)));

        assertThat(read).as("lead %s read back through Hibernate", lead.id).isNotNull();
        for (Field field : insertable()) {
            Object expected = field.get(lead);
            Object actual = field.get(read);
            if (expected instanceof BigDecimal amount) {
                assertThat((BigDecimal) actual).as(field.getName()).isEqualByComparingTo(amount);
            } else {
                assertThat(actual).as(field.getName()).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldStoreATombstoneAndEmptyCollections() throws Throwable {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.company = "Analytical Engines Ltd";
        lead.source = "import";
        lead.createdAt = Instant.parse("2026-01-02T03:04:05.123456Z");
        lead.updatedAt = lead.createdAt;
        lead.erasedAt = Instant.parse("2026-02-03T04:05:06.654321Z");

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> rows.insert(lead)));
        Lead read = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Lead.<Lead>findById(lead.id)));

        assertThat(read.erasedAt).isEqualTo(lead.erasedAt);
        assertThat(read.firstName).isNull();
        assertThat(read.email).isNull();
        assertThat(read.products).isEmpty();
        assertThat(read.tags).isEmpty();
        assertThat(read.customQualifiers).isEmpty();
        assertThat(read.socialAccounts).isEmpty();
        assertThat(read.utm).isEmpty();
        assertThat(read.mergedInto).isNull();
    }

    private static Lead everyField() {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.firstName = "Ada";
        lead.lastName = "Lovelace";
        lead.email = "ada." + lead.id + "@engines.example";
        lead.phone = "+442071234567";
        lead.company = "Analytical Engines Ltd";
        lead.jobTitle = "Head of Operations";
        lead.street = "12 St James's Square";
        lead.city = "London";
        lead.postalCode = "SW1Y 4JH";
        lead.region = "England";
        lead.country = "GB";
        lead.language = "en";
        lead.timeZone = "Europe/London";
        lead.products = new String[] { "engines", "punch-cards" };
        lead.segment = "enterprise";
        lead.tags = new String[] { "vip" };
        lead.dealAmount = new BigDecimal("125000.50");
        lead.dealCurrency = "GBP";
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("budget_approved", true);
        custom.put("seats", 40);
        custom.put("go_live", "2027-03-01");
        lead.customQualifiers = custom;
        lead.socialAccounts = Map.of("linkedin", "ada-lovelace");
        lead.birthDate = LocalDate.of(1815, 12, 10);
        lead.source = "api";
        lead.campaign = "spring-2027";
        lead.utm = Map.of("source", "newsletter", "medium", "email");
        lead.referrer = "https://engines.example/pricing";
        lead.notes = "Wants a demo of the difference engine.";
        lead.partnerId = "partner-a";
        lead.formKey = "contact-us";
        lead.capturedBy = "rep1";
        lead.createdAt = Instant.parse("2026-12-05T10:15:30.123456Z");
        lead.updatedAt = Instant.parse("2026-12-05T10:15:31.654321Z");
        lead.erasedAt = null; // an erased lead has no name (a constraint): the tombstone test sets it
        return lead;
    }

    /** The names of insertable fields left null (erasedAt aside, which the tombstone test covers). */
    private static List<String> unset(Lead lead) throws IllegalAccessException {
        List<String> names = new java.util.ArrayList<>();
        for (Field field : insertable()) {
            if (field.get(lead) == null && !field.getName().equals("erasedAt")) {
                names.add(field.getName());
            }
        }
        return names;
    }

    /** Lead's persistent fields that Hibernate inserts. */
    private static List<Field> insertable() {
        return Arrays.stream(Lead.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()))
                .filter(f -> f.getAnnotation(Column.class) == null || f.getAnnotation(Column.class).insertable())
                .toList();
    }
}
