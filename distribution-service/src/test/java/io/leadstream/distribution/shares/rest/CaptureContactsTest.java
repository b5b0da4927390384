package io.leadstream.distribution.shares.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.distribution.shares.ContactDetails;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The real contact client against a stand-in for capture and Keycloak ({@link CaptureStub}): distribution fetches its
 * own client-credentials token and reads the lead with it; a lead capture does not know has no contact details.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = CaptureStub.class, restrictToAnnotatedClass = true)
class CaptureContactsTest {

    @Inject
    CaptureContacts contacts;

    @Test
    void shouldReadTheContactDetailsFromCaptureWithItsOwnToken() throws Throwable {
        ContactDetails.Contact ada = VertxContextSupport.subscribeAndAwait(() -> contacts.of(CaptureStub.KNOWN));

        assertThat(ada).isEqualTo(new ContactDetails.Contact("Ada", "Lovelace", "ada@example.com", "+442071838750",
                "Analytical Engines Ltd"));
        assertThat(CaptureStub.SEEN).anyMatch(s -> s.startsWith("POST /token Basic "));
        assertThat(CaptureStub.SEEN).contains("GET /api/leads/" + CaptureStub.KNOWN + " Bearer " + CaptureStub.TOKEN);
    }

    @Test
    void shouldHaveNoContactDetailsForALeadCaptureDoesNotKnow() throws Throwable {
        assertThat(VertxContextSupport.subscribeAndAwait(() -> contacts.of(UUID.randomUUID()))).isNull();
    }
}
