package io.leadstream.distribution.shares;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * A lead's contact details as capture holds them, for the partner that accepted it; read on each request and never
 * stored in distribution or put into events. Implemented at the edge ({@code shares.rest.CaptureContacts}).
 */
public interface ContactDetails {

    /** The lead's contact details; null when capture does not know the lead (erased, merged away). */
    Uni<Contact> of(UUID leadId);

    record Contact(String firstName, String lastName, String email, String phone, String company) {
    }
}
