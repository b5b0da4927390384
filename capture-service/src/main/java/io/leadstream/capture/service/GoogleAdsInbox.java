package io.leadstream.capture.service;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.config.GoogleAdsConfig;
import io.leadstream.capture.rest.CaptureLeadRequest;
import io.leadstream.capture.rest.GoogleAdsLeadPayload;
import io.leadstream.capture.rest.InquiryView;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Google Ads lead form webhook deliveries. The {@code google_key} must be the configured key (else 403, nothing
 * read further or stored). A {@code lead_id} received before is answered with what it did then (Google retries);
 * a new one becomes a lead (source {@code google-ads}) through {@link CaptureService}, under an idempotency key made
 * from the lead_id, so two concurrent retries create one lead. The campaign data (campaign, ad group, creative,
 * form, gclid) is kept with the recorded contact; {@code is_test} leads are accepted and marked test there and in
 * their lead.inquired event.
 */
@ApplicationScoped
public class GoogleAdsInbox {

    public static final String CHANNEL = "google-ads";
    public static final String SOURCE = "google-ads";
    static final String CALLER = "google-ads-webhook";
    static final String MESSAGE_TYPE = "lead-form";

    private final GoogleAdsConfig config;
    private final CaptureService capture;
    private final InboundContacts contacts;
    private final ObjectMapper mapper;

    public GoogleAdsInbox(GoogleAdsConfig config, CaptureService capture, InboundContacts contacts, ObjectMapper mapper) {
        this.config = config;
        this.capture = capture;
        this.contacts = contacts;
        this.mapper = mapper;
    }

    /** 200 with an {@link InquiryView} (Location: the lead), or the 400 capture answered for the lead's data. */
    public Uni<Reply> receive(GoogleAdsLeadPayload payload, String path, Function<UUID, URI> locate) {
        if (payload == null || !WebhookSecrets.matches(config.key(), payload.googleKey())) {
            return Uni.createFrom().failure(new ProblemException(403, "webhook-key-invalid", "Forbidden",
                    "google_key is not the key configured for this webhook"));
        }
        String leadId = payload.leadId();
        if (leadId == null || leadId.isBlank() || leadId.length() > 255) {
            return Uni.createFrom().failure(ProblemException.badRequest("validation", "1 field is invalid",
                    List.of(new FieldError("lead_id", "must be 1 to 255 characters"))));
        }
        return contacts.find(CHANNEL, leadId).chain(earlier -> earlier != null
                ? Uni.createFrom().item(reply(earlier, locate))
                : capture.capture(leadRequest(payload), Origin.API,
                        new IdempotencyKey(CALLER, WebhookSecrets.sha256(CHANNEL + ":" + leadId)), path, locate, CALLER)
                        .chain(reply -> reply.isProblem() ? Uni.createFrom().item(reply)
                                : contacts.onLead(InboundContacts.leadIdOf(reply),
                                        reply.status() == 201 ? InboundContacts.Outcome.CREATED
                                                : InboundContacts.Outcome.MERGED,
                                        contact(payload), Idempotency.Claim.NONE, null)
                                        .map(recorded -> reply(recorded, locate))));
    }

    /**
     * The lead, built in this one place from JSON field names: FIRST_NAME / LAST_NAME (else split from FULL_NAME,
     * see {@link ForeignNames}), EMAIL (or WORK_EMAIL), PHONE_NUMBER (or WORK_PHONE), COMPANY_NAME, JOB_TITLE,
     * COUNTRY (only when it is a known country: a free-text answer must not lose the lead), source google-ads, and
     * the campaign: {@code campaign} = the campaign id, {@code utm} = google / cpc / the campaign id. Fields that
     * {@link CaptureLeadRequest} does not have (yet) are ignored by Jackson.
     */
    CaptureLeadRequest leadRequest(GoogleAdsLeadPayload payload) {
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
        return mapper.convertValue(lead, CaptureLeadRequest.class);
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

    private Reply reply(InboundContacts.Recorded recorded, Function<UUID, URI> locate) {
        try {
            return new Reply(200, locate.apply(recorded.leadId()).toString(),
                    mapper.writeValueAsString(InquiryView.of(recorded)), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer", e);
        }
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
