package io.leadstream.capture.channels;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.model.Countries;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Google Ads lead form webhook deliveries. The {@code google_key} must be the configured key (else 403, nothing
 * read further or stored). A {@code lead_id} received before is answered with what it did then (Google retries); a
 * new one becomes a lead (source {@code google-ads}) through {@link LeadIntake}, recorded with the contact in one
 * transaction that first locks the lead_id, so two concurrent retries create one lead. The campaign data (campaign,
 * ad group, creative, form, gclid) is kept with the recorded contact; {@code is_test} leads are accepted and marked
 * test there and in their lead.inquired event.
 */
@ApplicationScoped
public class GoogleAdsInbox {

    public static final String CHANNEL = "google-ads";
    public static final String SOURCE = "google-ads";
    static final String CALLER = "google-ads-webhook";
    static final String MESSAGE_TYPE = "lead-form";

    private final GoogleAdsConfig config;
    private final LeadIntake capture;
    private final InboundContacts contacts;
    private final ObjectMapper mapper;

    public GoogleAdsInbox(GoogleAdsConfig config, LeadIntake capture, InboundContacts contacts, ObjectMapper mapper) {
        this.config = config;
        this.capture = capture;
        this.contacts = contacts;
        this.mapper = mapper;
    }

    /**
     * The contact as recorded (now, or when Google sent this lead_id before); a 403 problem for a wrong key, a 400
     * problem when the answers cannot make a lead.
     */
    public Uni<InboundContacts.Recorded> receive(GoogleAdsLeadPayload payload) {
        if (payload == null || !WebhookSecrets.matches(config.key(), payload.googleKey())) {
            return Uni.createFrom().failure(new ProblemException(403, "webhook-key-invalid", "Forbidden",
                    "google_key is not the key configured for this webhook"));
        }
        String leadId = payload.leadId();
        if (leadId == null || leadId.isBlank() || leadId.length() > 255) {
            return Uni.createFrom().failure(ProblemException.badRequest("validation", "1 field is invalid",
                    List.of(new FieldError("lead_id", "must be 1 to 255 characters"))));
        }
        return Panache.withTransaction(() -> contacts.once(CHANNEL, leadId,
                () -> capture.capture(new CaptureLead(leadRequest(payload), Origin.WEBHOOK, Viewer.system(CALLER)))
                        .chain(captured -> contacts.onCaptured(captured, contact(payload)))));
    }

    /**
     * The lead, built in this one place from JSON field names: FIRST_NAME / LAST_NAME (else split from FULL_NAME,
     * see {@link ForeignNames}), EMAIL (or WORK_EMAIL), PHONE_NUMBER (or WORK_PHONE), COMPANY_NAME, JOB_TITLE,
     * COUNTRY (only when it is a known country: a free-text answer must not lose the lead), source google-ads, and
     * the campaign: {@code campaign} = the campaign id, {@code utm} = google / cpc / the campaign id. Fields that
     * {@link LeadSubmission} does not have (yet) are ignored by Jackson.
     */
    LeadSubmission leadRequest(GoogleAdsLeadPayload payload) {
        Map<String, String> answers = answers(payload);
        ForeignNames.Split name = ForeignNames.of(answers.get("FIRST_NAME"), answers.get("LAST_NAME"),
                answers.get("FULL_NAME"));
        ObjectNode lead = mapper.createObjectNode();
        lead.put("firstName", name.firstName());
        lead.put("lastName", name.lastName());
        putIfPresent(lead, "email", first(answers, "EMAIL", "WORK_EMAIL"));
        putIfPresent(lead, "phone", first(answers, "PHONE_NUMBER", "WORK_PHONE"));
        putIfPresent(lead, "company", answers.get("COMPANY_NAME"));
        putIfPresent(lead, "jobTitle", answers.get("JOB_TITLE"));
        String country = answers.get("COUNTRY");
        if (country != null) {
            Countries.toAlpha2(country).ifPresent(code -> lead.put("country", code));
        }
        lead.put("source", SOURCE);
        if (payload.campaignId() != null) {
            lead.put("campaign", payload.campaignId());
            ObjectNode utm = lead.putObject("utm");
            utm.put("source", "google");
            utm.put("medium", "cpc");
            utm.put("campaign", payload.campaignId());
        }
        return mapper.convertValue(lead, LeadSubmission.class);
    }

    /** The answers by column_id (upper-case), the first non-blank one per id. */
    static Map<String, String> answers(GoogleAdsLeadPayload payload) {
        Map<String, String> answers = new HashMap<>();
        if (payload.userColumnData() != null) {
            for (GoogleAdsLeadPayload.Column column : payload.userColumnData()) {
                if (column != null && column.columnId() != null && column.stringValue() != null
                        && !column.stringValue().isBlank()) {
                    answers.putIfAbsent(column.columnId().strip().toUpperCase(Locale.ROOT), column.stringValue().strip());
                }
            }
        }
        return answers;
    }

    private static InboundContacts.Contact contact(GoogleAdsLeadPayload payload) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaignId", payload.campaignId());
        details.put("formId", payload.formId());
        details.put("adgroupId", payload.adgroupId());
        details.put("creativeId", payload.creativeId());
        details.put("assetGroupId", payload.assetGroupId());
        details.put("gclId", payload.gclId());
        details.put("apiVersion", payload.apiVersion());
        details.values().removeIf(v -> v == null);
        return new InboundContacts.Contact(CHANNEL, payload.leadId(), submitted(payload), MESSAGE_TYPE, null, null,
                null, null, Boolean.TRUE.equals(payload.isTest()), details, null);
    }

    /** {@code lead_submit_time} when Google sent a valid one, else now. */
    static Instant submitted(GoogleAdsLeadPayload payload) {
        if (payload.leadSubmitTime() != null) {
            try {
                Instant at = OffsetDateTime.parse(payload.leadSubmitTime()).toInstant();
                return at.isAfter(Instant.now()) ? Instant.now() : at;
            } catch (DateTimeParseException e) {
                // fall through: Google documents ISO-8601; anything else is not worth losing the lead over
            }
        }
        return Instant.now();
    }

    private static String first(Map<String, String> answers, String... ids) {
        for (String id : ids) {
            if (answers.containsKey(id)) {
                return answers.get(id);
            }
        }
        return null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
