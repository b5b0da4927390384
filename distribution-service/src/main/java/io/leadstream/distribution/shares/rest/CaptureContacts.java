package io.leadstream.distribution.shares.rest;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.leadstream.distribution.shares.ContactDetails;
import io.smallrye.mutiny.Uni;

/**
 * The accepted partner's contact details, read from capture on each request with distribution's own token; a lead
 * capture no longer knows (404) has none. Bounded by {@code leadstream.distribution.capture.timeout}; a failure
 * reaches the caller, which answers without the details.
 */
@ApplicationScoped
public class CaptureContacts implements ContactDetails {

    private final CaptureLeadClient capture;
    private final Duration timeout;

    public CaptureContacts(@RestClient CaptureLeadClient capture,
            @ConfigProperty(name = "leadstream.distribution.capture.timeout", defaultValue = "3s") Duration timeout) {
        this.capture = capture;
        this.timeout = timeout;
    }

    @Override
    public Uni<Contact> of(UUID leadId) {
        return capture.lead(leadId)
                .ifNoItem().after(timeout).fail()
                .map(l -> new Contact(l.firstName(), l.lastName(), l.email(), l.phone(), l.company()))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull();
    }
}
