package io.leadstream.capture.channels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.channels.InboundContacts.Handled;
import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.model.ConsentChannel;
import io.leadstream.capture.model.ContactNormaliser;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Inbound WhatsApp Cloud API messages (Meta's webhook: {@code entry[].changes[].value.messages[]}, the sender's
 * name in {@code value.contacts[].profile.name}; {@code statuses[]} of sent messages are ignored). Each message,
 * in order: a message id seen before is skipped (Meta redelivers); a sender whose phone belongs to a lead is an
 * inquiry on that lead; any other sender becomes a new lead (source {@code whatsapp}) through
 * {@link LeadIntake}. Each message is handled in one transaction that first locks its id, so the same message
 * delivered twice at once is handled once. An inbound message is not consent to marketing, so no consent is
 * recorded.
 */
@ApplicationScoped
public class WhatsAppInbox {

    public static final String CHANNEL = "whatsapp";
    public static final String SOURCE = "whatsapp";
    /** Recorded as the caller (e.g. merged_by) of leads created from messages. */
    static final String CALLER = "whatsapp-webhook";

    private final WhatsAppConfig config;
    private final LeadIntake capture;
    private final InboundContacts contacts;
    private final ContactNormaliser normaliser;
    private final ObjectMapper mapper;

    public WhatsAppInbox(WhatsAppConfig config, LeadIntake capture, InboundContacts contacts,
            ContactNormaliser normaliser, ObjectMapper mapper) {
        this.config = config;
        this.capture = capture;
        this.contacts = contacts;
        this.normaliser = normaliser;
        this.mapper = mapper;
    }

    /** The handshake: the challenge when mode is subscribe and the token is the configured one, else 403. */
    public String verify(String mode, String token, String challenge) {
        if (!"subscribe".equals(mode) || !WebhookSecrets.matches(config.verifyToken(), token) || challenge == null) {
            throw new ProblemException(403, "webhook-verify-token-invalid", "Forbidden",
                    "hub.mode must be subscribe and hub.verify_token the configured verify token");
        }
        return challenge;
    }

    /**
     * Checks the signature of the raw body (401 when missing or wrong: nothing is read or stored), then handles
     * every message in it, one after the other.
     */
    public Uni<Delivery> receive(byte[] body, String signature) {
        if (!WebhookSecrets.validSignature(config.appSecret(), body, signature)) {
            return Uni.createFrom().failure(new ProblemException(401, "webhook-signature-invalid", "Unauthorized",
                    "X-Hub-Signature-256 must be sha256= and the HMAC-SHA256 of the body under the app secret"));
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(body);
        } catch (java.io.IOException e) {
            return Uni.createFrom().failure(ProblemException.badRequest("validation", "the body is not JSON",
                    List.of(new FieldError("body", "is not a JSON document"))));
        }
        List<Message> messages = messages(payload);
        Map<Handled, Integer> counts = new HashMap<>();
        return Multi.createFrom().iterable(messages)
                .onItem().transformToUniAndConcatenate(this::handle)
                .invoke(handled -> counts.merge(handled, 1, Integer::sum))
                .collect().last()
                .map(ignored -> new Delivery(messages.size(), n(counts, Handled.LEAD), n(counts, Handled.INQUIRY),
                        n(counts, Handled.DUPLICATE), n(counts, Handled.REJECTED), n(counts, Handled.IGNORED)));
    }

    /** What a delivery's messages came to: new leads, inquiries on known leads, redeliveries, rejected, ignored. */
    public record Delivery(int messages, int leads, int inquiries, int duplicates, int rejected, int ignored) {
    }

    /** One inbound message with the sender's profile name (null when Meta sent none). */
    record Message(JsonNode json, String profileName) {
        String text(String field) {
            JsonNode value = json.path(field);
            return value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
        }
    }

    /** The messages of every entry and change, in order; anything else in the payload is ignored. */
    static List<Message> messages(JsonNode payload) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (change.has("field") && !"messages".equals(change.path("field").asText())) {
                    continue;
                }
                JsonNode value = change.path("value");
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    String name = contact.path("profile").path("name").asText(null);
                    if (contact.hasNonNull("wa_id") && name != null) {
                        names.put(contact.path("wa_id").asText(), name);
                    }
                }
                for (JsonNode message : value.path("messages")) {
                    if (message.isObject()) {
                        messages.add(new Message(message, names.get(message.path("from").asText(""))));
                    }
                }
            }
        }
        return messages;
    }

    private Uni<Handled> handle(Message message) {
        String id = message.text("id");
        String type = type(message);
        if (id == null) {
            Log.warn("a WhatsApp message without an id was skipped");
            return Uni.createFrom().item(Handled.REJECTED);
        }
        if ("system".equals(type)) {
            return Uni.createFrom().item(Handled.IGNORED);
        }
        return Panache.withTransaction(() -> contacts.once(CHANNEL, id, () -> firstDelivery(message, id, type)))
                .onFailure(LeadIntake::refused).recoverWithUni(refusal -> {
                    Log.warnf("a WhatsApp message could not become a lead: %s", refusal.getMessage());
                    return contacts.rejected(contact(message, id, type, "the lead's data was refused"));
                })
                .map(InboundContacts.Recorded::handled);
    }

    /** A message seen for the first time, in the transaction holding its id's lock. */
    private Uni<InboundContacts.Recorded> firstDelivery(Message message, String id, String type) {
        List<FieldError> errors = new ArrayList<>();
        String from = message.text("from");
        String phone = from == null ? null : normaliser.normaliseAddress(ConsentChannel.WHATSAPP,
                from.startsWith("+") ? from : "+" + from, null, "from", errors);
        if (phone == null) {
            return contacts.record(null, InboundContacts.Outcome.REJECTED,
                    contact(message, id, type, "the sender is not a valid phone number"));
        }
        return contacts.onPhone(phone, contact(message, id, type, null), () -> capture.capture(new CaptureLead(
                leadRequest(phone, message.profileName()), Origin.WEBHOOK, Viewer.system(CALLER))));
    }

    /**
     * The lead a new sender becomes, built in this one place from JSON field names (so fields added to
     * {@link LeadSubmission} later need no change here): the phone in E.164, the name from the WhatsApp profile
     * (see {@link ForeignNames}), source whatsapp.
     */
    LeadSubmission leadRequest(String phone, String profileName) {
        ForeignNames.Split name = ForeignNames.split(profileName);
        ObjectNode lead = mapper.createObjectNode();
        lead.put("firstName", name.firstName());
        lead.put("lastName", name.lastName());
        lead.put("phone", phone);
        lead.put("source", SOURCE);
        return mapper.convertValue(lead, LeadSubmission.class);
    }

    private static InboundContacts.Contact contact(Message message, String id, String type, String rejection) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", type);
        if (rejection != null) {
            details.put("rejected", rejection);
        }
        return new InboundContacts.Contact(CHANNEL, id, receivedAt(message), type, textLength(message.json(), type),
                null, null, null, false, details, null);
    }

    /** Meta's message type, as a slug ({@code unknown} when missing or odd). */
    static String type(Message message) {
        String type = message.text("type");
        return type != null && type.matches("[a-z][a-z0-9_-]{0,39}") ? type : "unknown";
    }

    /** The message's {@code timestamp} (Unix seconds), else now. */
    static Instant receivedAt(Message message) {
        String timestamp = message.text("timestamp");
        try {
            return timestamp == null ? Instant.now() : Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }

    /** Characters (code points) of the text, caption or button text; null when the message has none. */
    static Integer textLength(JsonNode message, String type) {
        for (JsonNode text : List.of(message.path("text").path("body"), message.path(type).path("caption"),
                message.path("button").path("text"))) {
            if (text.isTextual()) {
                return text.asText().codePointCount(0, text.asText().length());
            }
        }
        return null;
    }

    private static int n(Map<Handled, Integer> counts, Handled handled) {
        return counts.getOrDefault(handled, 0);
    }
}
