package io.leadstream.capture.channels;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.model.ConsentChannel;
import io.leadstream.capture.model.ContactNormaliser;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.blocking.Blocking;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Inbound email, from the alias mailbox ({@link AliasMailbox}, IMAP) or the webhook ({@code POST /webhooks/email}): one
 * raw MIME message at a time, read by {@link InboundMail}. Each message is handled once (a digest of its Message-ID,
 * locked and recorded in {@code inbound_contact}); machine traffic (auto-replies, bounces, mailing lists)
 * is recorded as ignored; a sender whose address belongs to a lead is an inquiry on that lead; any other sender becomes
 * a lead (source {@code email}) through {@link LeadIntake}, the same validation, normalisation and de-duplication as
 * every channel, with a phone and a company guessed from the signature ({@link SignatureGuess}, said so in the lead's
 * notes). The subject and text are kept with the contact (personal data, never in an event); a reply to a message
 * nurture sent names it in lead.inquired ({@code replyToMessageId}) so that its sequences stop. A mail is not consent
 * to marketing: no consent is recorded.
 */
@ApplicationScoped
public class EmailInbox {

    public static final String CHANNEL = "email";
    public static final String SOURCE = "email";
    /** Recorded as the caller (e.g. merged_by) of leads created from mails. */
    static final String CALLER = "email-channel";
    static final String GUESSED_NOTE = "The %s came from the signature of the first email and may be wrong.";

    /** What a message came to, and the contact recorded for it. */
    public record Receipt(InboundContacts.Handled handled, UUID inquiryId) {
    }

    private final EmailConfig config;
    private final LeadIntake capture;
    private final InboundContacts contacts;
    private final ContactNormaliser normaliser;
    private final ObjectMapper mapper;

    public EmailInbox(EmailConfig config, LeadIntake capture, InboundContacts contacts, ContactNormaliser normaliser,
            ObjectMapper mapper) {
        this.config = config;
        this.capture = capture;
        this.contacts = contacts;
        this.normaliser = normaliser;
        this.mapper = mapper;
    }

    /**
     * The webhook: checks the signature of the raw body (401 when missing or wrong: nothing is read or stored), then
     * handles the message (400 when it is not a MIME message with a sender).
     */
    public Uni<Receipt> receive(byte[] body, String signature) {
        if (!WebhookSecrets.validSignature(config.webhookSecret(), body, signature)) {
            return Uni.createFrom().failure(new ProblemException(401, "webhook-signature-invalid", "Unauthorized",
                    "X-Signature-256 must be sha256= and the HMAC-SHA256 of the body under the webhook secret"));
        }
        // parsing (MIME, charsets, HTML to text) takes CPU in proportion to the message: not on the event loop
        return Blocking.offTheEventLoop(() -> InboundMail.parse(body))
                .onFailure(InboundMail.UnreadableMailException.class)
                .transform(e -> ProblemException.badRequest("validation", "the body is not a mail",
                        List.of(new FieldError("body", e.getMessage()))))
                .chain(this::handle);
    }

    /** One message, in a transaction of its own that first locks its id. */
    public Uni<Receipt> handle(InboundMail mail) {
        return Panache.withTransaction(() -> contacts.once(CHANNEL, key(mail.messageId()), () -> firstDelivery(mail)))
                .onFailure(LeadIntake::refused).recoverWithUni(refusal -> {
                    Log.warnf("an email could not become a lead: %s", refusal.getMessage());
                    return contacts.rejected(contact(mail, "the lead's data was refused", List.of()));
                })
                .map(recorded -> new Receipt(recorded.handled(), recorded.id()));
    }

    /**
     * The key a message is recorded under: a digest of its Message-ID, which often names the sender's domain and so is
     * not kept as it is (a contact recorded as ignored has no lead, so no erasure would find it).
     */
    public static String key(String messageId) {
        return "sha256:" + InboundMail.sha256(messageId.getBytes(StandardCharsets.UTF_8));
    }

    /** A message seen for the first time, in the transaction holding its id's lock. */
    private Uni<InboundContacts.Recorded> firstDelivery(InboundMail mail) {
        if (mail.ignoredBecause() != null) {
            return contacts.record(null, InboundContacts.Outcome.IGNORED, contact(mail, null, List.of()));
        }
        List<FieldError> errors = new ArrayList<>();
        String email = normaliser.normaliseAddress(ConsentChannel.EMAIL, mail.fromAddress(), null, "from", errors);
        if (email == null) {
            return contacts.record(null, InboundContacts.Outcome.REJECTED,
                    contact(mail, "the sender is not a valid email address", List.of()));
        }
        return Lead.oldestWithEmail(email).chain(known -> known != null
                ? contacts.record(known.id, InboundContacts.Outcome.INQUIRY, contact(mail, null, List.of()))
                : newLead(mail, email));
    }

    /** An unknown sender's lead, with what the signature gives (said so in the contact's details). */
    private Uni<InboundContacts.Recorded> newLead(InboundMail mail, String email) {
        return trusted(SignatureGuess.of(mail.text(), normaliser.defaultRegion().orElse(null))).chain(guess -> {
            List<String> guessed = new ArrayList<>();
            if (guess.phone() != null) {
                guessed.add("phone");
            }
            if (guess.company() != null) {
                guessed.add("company");
            }
            return capture.capture(new CaptureLead(leadRequest(email, mail.fromName(), guess), Origin.WEBHOOK,
                    Viewer.system(CALLER))).chain(captured -> contacts.onCaptured(captured, contact(mail, null, guessed)));
        });
    }

    /**
     * The guess without a phone number another lead already has: de-duplication would merge the sender into that
     * lead on a guess (a company's switchboard number in everyone's signature), so a guess never decides whose lead
     * a mail is.
     */
    private static Uni<SignatureGuess> trusted(SignatureGuess guess) {
        return guess.phone() == null ? Uni.createFrom().item(guess)
                : Lead.oldestWithPhone(guess.phone()).map(other -> other == null ? guess
                        : new SignatureGuess(null, guess.company()));
    }

    /**
     * The lead a new sender becomes, built from JSON field names (so fields added to {@link LeadSubmission} later need
     * no change here): the address, the display name split as other channels split foreign names
     * ({@link ForeignNames}), the guessed phone and company, source email.
     */
    LeadSubmission leadRequest(String email, String displayName, SignatureGuess guess) {
        ForeignNames.Split name = ForeignNames.split(displayName);
        ObjectNode lead = mapper.createObjectNode();
        lead.put("firstName", name.firstName());
        lead.put("lastName", name.lastName());
        lead.put("email", email);
        lead.put("source", SOURCE);
        if (guess.phone() != null) {
            lead.put("phone", guess.phone());
        }
        if (guess.company() != null) {
            lead.put("company", guess.company());
        }
        if (guess.any()) {
            lead.put("notes", GUESSED_NOTE.formatted(guess.phone() != null && guess.company() != null
                    ? "phone number and company" : guess.phone() != null ? "phone number" : "company"));
        }
        return mapper.convertValue(lead, LeadSubmission.class);
    }

    /** The contact: metadata in details (nothing personal), the subject and text as its note. */
    private static InboundContacts.Contact contact(InboundMail mail, String rejection, List<String> guessed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reply", mail.isReply());
        if (!mail.attachments().isEmpty()) {
            details.put("attachments", mail.attachments().stream()
                    .map(a -> Map.of("contentType", a.contentType(), "size", a.size())).toList());
        }
        if (mail.ignoredBecause() != null) {
            details.put("ignored", mail.ignoredBecause());
        }
        if (rejection != null) {
            details.put("rejected", rejection);
        }
        if (!guessed.isEmpty()) {
            details.put("guessed", guessed);
        }
        Instant now = Instant.now();
        // a Date in the future (a wrong clock) is not when we received it
        Instant at = mail.sentAt() == null || mail.sentAt().isAfter(now) ? now : mail.sentAt();
        String note = mail.ignoredBecause() != null ? null
                : (mail.subject() == null ? "" : mail.subject() + "\n\n") + mail.text();
        return new InboundContacts.Contact(CHANNEL, key(mail.messageId()), at.truncatedTo(ChronoUnit.MICROS),
                mail.isReply() ? "reply" : "email", mail.textLength(), null, null, null, false, details, note,
                mail.repliesTo().isEmpty() ? null : mail.repliesTo().get(0));
    }
}
