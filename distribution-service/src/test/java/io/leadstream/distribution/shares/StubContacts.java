package io.leadstream.distribution.shares;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.mutiny.Uni;

/** capture in the service tests: every lead's contact details are Ada Lovelace's (capture's own API is not running). */
@Alternative
@Priority(1)
@ApplicationScoped
public class StubContacts implements ContactDetails {

    @Override
    public Uni<Contact> of(UUID leadId) {
        return Uni.createFrom().item(new Contact("Ada", "Lovelace", "ada@example.com", "+442071838750",
                "Analytical Engines Ltd"));
    }
}
