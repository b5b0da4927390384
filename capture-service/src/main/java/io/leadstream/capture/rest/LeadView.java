package io.leadstream.capture.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.Lead;

/** A lead as the API shows it. */
@Schema(name = "Lead")
public record LeadView(UUID id, String firstName, String lastName, String email, String phone, String company,
        String country, String source, Instant createdAt, Instant updatedAt) {

    public static LeadView of(Lead lead) {
        return new LeadView(lead.id, lead.firstName, lead.lastName, lead.email, lead.phone, lead.company, lead.country,
                lead.source, lead.createdAt, lead.updatedAt);
    }
}
