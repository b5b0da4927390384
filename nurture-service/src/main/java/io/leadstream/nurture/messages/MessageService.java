package io.leadstream.nurture.messages;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.activities.ActivityKind;
import io.leadstream.nurture.activities.ActivityService;
import io.leadstream.nurture.activities.IdempotencyKey;
import io.leadstream.nurture.consent.ConsentBook;
import io.leadstream.nurture.consent.ConsentDecision;
import io.leadstream.nurture.messages.LeadDirectory.Recipient;
import io.leadstream.nurture.stages.LeadStage;
import io.leadstream.nurture.stages.StageService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.templates.MessageTemplate;
import io.leadstream.nurture.templates.Rendered;
import io.leadstream.nurture.templates.TemplateRenderer;
import io.leadstream.nurture.templates.TemplateVariables;
import io.leadstream.nurture.templates.Templates;
import io.leadstream.nurture.templates.Variables;

/**
 * Sends a message to a lead through email, WhatsApp or SMS, as a rep asks, when everything allows it: the rep may work
 * the lead; the lead gave consent for the message's purpose on that channel and is not under do-not-contact (a
 * withdrawal for purpose {@code all}); fewer than the frequency cap's messages went to it in the window; it is not in
 * the quiet hours of the lead's time zone; capture still knows the lead and has an address for the channel. Each
 * refusal is a problem saying why. The address is read from capture at send time and never stored.
 *
 * <p>Never twice for one request: the message is a {@code SENDING} row (under its Idempotency-Key, unique) before the
 * channel is asked, and {@code SENT} with its activity and message.sent in one transaction after; the same request
 * again answers that message, a failed one may be retried under the same key, one still being sent is a 409.
 */
@ApplicationScoped
public class MessageService {

    /** Who sent a drip sequence's message, as message.sent and the timeline say. */
    public static final String SEQUENCE_SENDER = "sequence";

    /** How long a caller is told to wait after the channel or capture was unavailable. */
    static final int RETRY_AFTER_SECONDS = 60;

    private final MessageRepository messages;
    private final ConsentBook consents;
    private final ActivityService activities;
    private final StageService stages;
    private final LeadDirectory directory;
    private final Instance<ChannelSender> senders;
    private final Outbox outbox;
    private final MessagingConfig config;
    private final Templates templates;
    private final TemplateRenderer renderer;
    private final Clock clock;
    private final ObjectMapper mapper;
    /** The time zone of a lead whose own capture does not know ({@code leadstream.nurture.default-time-zone}). */
    private final ZoneId defaultZone;

    public MessageService(MessageRepository messages, ConsentBook consents, ActivityService activities,
            StageService stages, LeadDirectory directory, Instance<ChannelSender> senders, Outbox outbox,
            MessagingConfig config, Templates templates, TemplateRenderer renderer, Clock clock, ObjectMapper mapper,
            @ConfigProperty(name = "leadstream.nurture.default-time-zone", defaultValue = "UTC") String defaultZone) {
        this.messages = messages;
        this.consents = consents;
        this.activities = activities;
        this.stages = stages;
        this.directory = directory;
        this.senders = senders;
        this.outbox = outbox;
        this.config = config;
        this.templates = templates;
        this.renderer = renderer;
        this.clock = clock;
        this.mapper = mapper;
        this.defaultZone = ZoneId.of(defaultZone);
    }

    /** A message, and whether an earlier request under the same Idempotency-Key sent it. */
    public record Sent(Message message, boolean replayed) {
    }

    /** Who sends, as templates name them: the Keycloak username, the display name and email from the token. */
    public record Sender(String username, String displayName, String email) {
    }

    public Uni<Sent> send(UUID leadId, Viewer viewer, Sender from, SendMessage request, IdempotencyKey key) {
        return send(leadId, viewer, from, request, key, null);
    }

    /**
     * Step {@code step} of a drip sequence's enrolment {@code enrolmentId}, as the sequence sends it (sentBy
     * {@value #SEQUENCE_SENDER}, the message carrying {@code sequenceId}), under every rule a rep's message is; the
     * templates' rep is {@code rep}, the lead's owner. Sent once per enrolment and step, however often it is asked: the
     * step is its own Idempotency-Key, so a step asked again after it was sent answers that message (replayed), one
     * that failed is tried again, one being sent is a 409 message-in-flight.
     */
    public Uni<Sent> sendStep(UUID leadId, UUID sequenceId, UUID enrolmentId, int step, Sender rep,
            SendMessage request) {
        return send(leadId, Viewer.system(SEQUENCE_SENDER), rep, request,
                new IdempotencyKey("sequence:" + enrolmentId, "step-" + step), sequenceId);
    }

    private Uni<Sent> send(UUID leadId, Viewer viewer, Sender from, SendMessage request, IdempotencyKey key,
            UUID sequenceId) {
        MessageRules.Checked checked = MessageRules.check(request, config.defaultPurpose());
        // vars in key order, so that the same values always fingerprint alike
        String hash = key == null ? null : IdempotencyKey.fingerprint(mapper, leadId, new SendMessage(request.channel(),
                request.purpose(), request.templateKey(), request.vars() == null ? null
                        : new java.util.TreeMap<>(request.vars()), request.subject(), request.text()));
        return Panache.withSession(() -> stages.find(leadId, viewer)
                .chain(() -> key == null ? Uni.createFrom().<Message>nullItem()
                        : messages.byIdempotencyKey(key.scope(), key.value()))
                .chain(earlier -> {
                    if (earlier != null) {
                        if (!earlier.requestHash.equals(hash)) {
                            throw IdempotencyKey.reused("a new message");
                        }
                        if (earlier.status == MessageStatus.SENT) {
                            return Uni.createFrom().item(earlier);
                        }
                        if (earlier.status == MessageStatus.SENDING) {
                            throw ProblemException.conflict("message-in-flight", "the message of this "
                                    + IdempotencyKey.HEADER + " is being sent; ask again in a moment");
                        }
                    }
                    return allowed(leadId, checked, now()).replaceWith(earlier);
                }))
                .chain(earlier -> earlier != null && earlier.status == MessageStatus.SENT
                        ? Uni.createFrom().item(new Sent(earlier, true))
                        : attempt(leadId, from, sequenceId, checked, key, hash, earlier,
                                earlier != null ? earlier.id : UUID.randomUUID()).map(m -> new Sent(m, false)));
    }

    /** One message of the lead, with the same record-level access as sending; a 404 problem otherwise. */
    public Uni<Message> get(UUID leadId, UUID messageId, Viewer viewer) {
        return Panache.withSession(() -> stages.find(leadId, viewer).chain(() -> messages.ofLead(leadId, messageId)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("message", messageId));
    }

    /** The lead was erased: what its messages said goes (channel, purpose, times and template stay). */
    public Uni<Void> erased(UUID leadId) {
        return messages.forgetContents(leadId).replaceWithVoid();
    }

    /** A manager merged one lead into another: its messages are the survivor's. */
    public Uni<Void> merged(UUID survivor, UUID merged) {
        return messages.move(merged, survivor).replaceWithVoid();
    }

    /** The lead's consent, do-not-contact and the frequency cap allow one more message now; else a 409 problem. */
    private Uni<Void> allowed(UUID leadId, MessageRules.Checked c, Instant now) {
        return consents.decide(leadId, c.purpose(), c.channel().consentName()).invoke(d -> refuseUnless(d, c))
                .chain(() -> messages.sentSince(leadId, now.minus(config.frequencyWindow())))
                .invoke(sent -> new FrequencyCap(config.frequencyCap(), config.frequencyWindow())
                        .nextAllowed(sent, now).ifPresent(at -> {
                            throw refused("frequency-cap", "the lead got " + sent.size() + " messages within "
                                    + config.frequencyWindow() + " (at most " + config.frequencyCap() + "); the next "
                                    + "may go at " + at, at, now);
                        }))
                .replaceWithVoid();
    }

    private static void refuseUnless(ConsentDecision decision, MessageRules.Checked c) {
        String channel = c.channel().consentName();
        switch (decision) {
            case GRANTED -> {
            }
            case DO_NOT_CONTACT -> throw ProblemException.conflict("do-not-contact", "the lead asked not to be "
                    + "contacted by " + channel + " (consent withdrawn for purpose 'all')");
            case WITHDRAWN -> throw ProblemException.conflict("consent-withdrawn", "the lead withdrew consent for '"
                    + c.purpose() + "' by " + channel);
            case NEVER_GIVEN -> throw ProblemException.conflict("consent-missing", "the lead has not given consent "
                    + "for '" + c.purpose() + "' by " + channel + " (capture's consent ledger has no grant)");
        }
    }

    private Uni<Message> attempt(UUID leadId, Sender sender, UUID sequenceId, MessageRules.Checked c,
            IdempotencyKey key, String hash, Message earlier, UUID messageId) {
        return directory.recipient(leadId)
                .onFailure().transform(e -> e instanceof ProblemException ? e : unavailable("capture-service, which "
                        + "holds the lead's address, did not answer", e))
                .chain(recipient -> {
                    if (recipient == null) {
                        throw ProblemException.conflict("lead-gone", "capture no longer knows the lead (erased, or "
                                + "merged into another)");
                    }
                    String to = recipient.address(c.channel());
                    if (to == null || to.isBlank()) {
                        throw ProblemException.conflict("no-address", "the lead has no "
                                + (c.channel() == Channel.EMAIL ? "email address" : "phone number") + " in capture");
                    }
                    return content(messageId, leadId, sender, c, recipient)
                            .chain(content -> reserve(leadId, sequenceId != null ? SEQUENCE_SENDER
                                    : sender.username(), sequenceId, c, key, hash, earlier, recipient, messageId,
                                    content)
                                    .chain(message -> deliver(message, content, recipient, to)));
                });
    }

    /** In one transaction under the lead's row lock: every rule again, the quiet hours, and the SENDING row. */
    private Uni<Message> reserve(UUID leadId, String sender, UUID sequenceId, MessageRules.Checked c,
            IdempotencyKey key, String hash, Message earlier, Recipient recipient, UUID messageId, Content content) {
        Instant now = now();
        return Panache.withTransaction(() -> LeadStage.<LeadStage>findById(leadId, LockModeType.PESSIMISTIC_WRITE)
                .chain(() -> allowed(leadId, c, now))
                .invoke(() -> new QuietHours(config.quietFrom(), config.quietUntil())
                        .nextAllowed(now, zone(recipient.timeZone())).ifPresent(at -> {
                            throw refused("quiet-hours", "it is quiet hours (" + config.quietFrom() + "-"
                                    + config.quietUntil() + ") in the lead's time zone " + zone(recipient.timeZone())
                                    + "; the message may go at " + at, at, now);
                        }))
                .chain(() -> earlier != null ? messages.findById(earlier.id) : Uni.createFrom().item(new Message()))
                .chain(m -> {
                    if (m.id == null) {
                        m.id = messageId;
                        m.leadId = leadId;
                        m.createdAt = now;
                        if (key != null) {
                            m.idempotencyScope = key.scope();
                            m.idempotencyKey = key.value();
                            m.requestHash = hash;
                        }
                    }
                    m.channel = c.channel();
                    m.purpose = c.purpose();
                    m.templateKey = content.templateKey();
                    m.language = content.language();
                    m.subject = content.subject();
                    m.body = content.text();
                    m.status = MessageStatus.SENDING;
                    m.error = null;
                    m.sentBy = sender;
                    m.sequenceId = sequenceId;
                    return messages.persist(m);
                }))
                .onFailure(e -> IdempotencyKey.isRace(e, "message_idempotency")).transform(e -> ProblemException.conflict(
                        "message-in-flight", "a request with the same " + IdempotencyKey.HEADER + " is sending "
                                + "this message; ask again in a moment"));
    }

    private Uni<Message> deliver(Message message, Content content, Recipient recipient, String to) {
        ChannelSender sender = sender(message.channel);
        Outgoing outgoing = outgoing(message, content, recipient, to);
        return sender.send(outgoing)
                .onFailure().recoverWithUni(e -> failed(message.id, e).chain(() -> Uni.createFrom().failure(problem(e))))
                .chain(delivery -> sent(message.id, delivery));
    }

    private Uni<Message> sent(UUID messageId, Delivery delivery) {
        Instant now = now();
        return Panache.withTransaction(() -> messages.findById(messageId).chain(m -> {
            m.status = MessageStatus.SENT;
            m.providerMessageId = delivery.providerMessageId();
            m.sentAt = now;
            return activities.sent(m.leadId, kind(m.channel), m.id, m.subject, m.body, m.sentBy, now)
                    .invoke(activity -> m.activityId = activity.id)
                    .chain(() -> messages.persist(m))
                    .call(saved -> outbox.record(saved.leadId, MessageSent.of(saved)));
        })).invoke(m -> Log.infof("message %s (%s) sent to lead %s by %s", m.id, m.channel, m.leadId, m.sentBy));
    }

    private Uni<Void> failed(UUID messageId, Throwable cause) {
        return Panache.withTransaction(() -> messages.findById(messageId).chain(m -> {
            m.status = MessageStatus.FAILED;
            m.error = cause.getMessage() == null ? cause.getClass().getSimpleName() : truncate(cause.getMessage());
            return messages.persist(m);
        })).invoke(m -> Log.warnf("message %s (%s) to lead %s failed: %s", m.id, m.channel, m.leadId, m.error))
                .replaceWithVoid();
    }

    /** What a message says: its subject (EMAIL), HTML (EMAIL) and text, and the template it came from. */
    record Content(String templateKey, String language, String subject, String html, String text) {
    }

    /**
     * The message's words: the template in the lead's language (else English), rendered with the lead's values from
     * capture, the sender's name, the sender's vars and the unsubscribe link; or the free text, with the link under it
     * in an email. A template that does not exist, or a sender's variable left without a value, is a 400 problem.
     */
    private Uni<Content> content(UUID messageId, UUID leadId, Sender sender, MessageRules.Checked c, Recipient r) {
        String link = c.channel() == Channel.EMAIL ? unsubscribeUrl(leadId, c.purpose(), c.channel(), messageId) : null;
        if (!c.templated()) {
            if (c.channel() != Channel.EMAIL) {
                return Uni.createFrom().item(new Content(null, null, null, null, c.text()));
            }
            String html = "<p>" + escape(c.text()).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"
                    + "<p style=\"font-size:small;color:#666\"><a href=\"" + escape(link) + "\">Unsubscribe</a></p>";
            return Uni.createFrom().item(new Content(null, null, c.subject(), html,
                    c.text() + "\n\n--\nUnsubscribe: " + link));
        }
        return templates.pick(c.templateKey(), c.channel(), r.language()).map(found -> {
            MessageTemplate template = found.orElseThrow(() -> ProblemException.badRequest("invalid-message",
                    "there is no " + c.channel() + " template '" + c.templateKey() + "'",
                    List.of(new FieldError("templateKey", "no " + c.channel() + " template with this key (GET "
                            + "/api/templates?key=" + c.templateKey() + ")"))));
            Variables values = Variables.of(new Variables.Lead(r.firstName(), r.lastName(), r.company(), r.email(),
                    r.phone(), r.country(), r.language(), r.products()), new Variables.Rep(sender.displayName() != null
                    ? sender.displayName() : sender.username(), sender.email()), link, c.vars());
            Rendered rendered = renderer.render(template, values);
            List<FieldError> unset = rendered.missing().stream()
                    .filter(name -> name.startsWith(TemplateVariables.VARS_PREFIX))
                    .map(name -> new FieldError("vars." + name.substring(TemplateVariables.VARS_PREFIX.length()),
                            "the template '" + c.templateKey() + "' needs a value for {" + name + "}"))
                    .toList();
            if (!unset.isEmpty()) {
                throw ProblemException.badRequest("invalid-message", "the template needs values the request does "
                        + "not give", unset);
            }
            return new Content(template.templateKey, rendered.language(), rendered.subject(),
                    c.channel() == Channel.EMAIL ? rendered.html() : null, rendered.text());
        });
    }

    private Outgoing outgoing(Message m, Content content, Recipient recipient, String to) {
        if (m.channel != Channel.EMAIL) {
            return new Outgoing(m.id, m.leadId, m.channel, to, recipient.fullName(), null, null, content.text(),
                    Map.of());
        }
        String link = unsubscribeUrl(m.leadId, m.purpose, m.channel, m.id);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + link + ">" + config.unsubscribeMailto()
                .map(mailbox -> ", <mailto:" + mailbox + "?subject=unsubscribe>").orElse(""));
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Outgoing(m.id, m.leadId, m.channel, to, recipient.fullName(), content.subject(), content.html(),
                content.text(), headers);
    }

    /** The one-click unsubscribe link of an email. */
    private String unsubscribeUrl(UUID leadId, String purpose, Channel channel, UUID messageId) {
        String token = new UnsubscribeToken(leadId, purpose, channel, messageId).sign(config.unsubscribeKey());
        return config.publicUrl().replaceAll("/+$", "") + "/unsubscribe?token=" + token;
    }

    private ChannelSender sender(Channel channel) {
        for (ChannelSender sender : senders) {
            if (sender.channel() == channel) {
                return sender;
            }
        }
        throw new ProblemException(503, "channel-not-configured", "Service Unavailable", "no " + channel
                + " channel is installed; nothing was sent");
    }

    private ZoneId zone(String timeZone) {
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                return ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                Log.debugf("lead time zone '%s' is not an IANA zone; using the default", timeZone);
            }
        }
        return defaultZone;
    }

    private static ProblemException refused(String type, String detail, Instant at, Instant now) {
        // rounded up: waiting Retry-After from any later instant is never too early
        long seconds = Math.max(1, (Duration.between(now, at).toMillis() + 999) / 1000);
        return ProblemException.conflict(type, detail).retryAfter((int) Math.min(seconds, Integer.MAX_VALUE));
    }

    private static Throwable problem(Throwable e) {
        if (e instanceof ProblemException) {
            return e;
        }
        if (e instanceof RecipientRejectedException r) {
            return new ProblemException(422, "recipient-rejected", "Unprocessable Content", "the " + r.channel()
                    + " channel refused the message for good: " + r.getMessage());
        }
        if (e instanceof ChannelNotConfiguredException n) {
            return new ProblemException(503, "channel-not-configured", "Service Unavailable", "the " + n.channel()
                    + " channel is not set up on this installation (see nurture-service's README, Channels); nothing "
                    + "was sent");
        }
        ProblemException problem = unavailable(e instanceof ChannelUnavailableException u ? "the " + u.channel()
                + " channel cannot take the message now: " + u.getMessage()
                : "the message could not be handed to its channel", e);
        if (e instanceof ChannelUnavailableException u && u.retryAfter().isPresent()) {
            problem.retryAfter((int) Math.min(Integer.MAX_VALUE, Math.max(1, u.retryAfter().get().getSeconds())));
        }
        return problem;
    }

    private static ProblemException unavailable(String detail, Throwable cause) {
        if (cause != null) {
            Log.warnf(cause, "%s", detail);
        }
        return new ProblemException(503, "channel-unavailable", "Service Unavailable", detail + "; nothing was sent, "
                + "send it again later (with the same " + IdempotencyKey.HEADER + ")").retryAfter(RETRY_AFTER_SECONDS);
    }

    private static ActivityKind kind(Channel channel) {
        return switch (channel) {
            case EMAIL -> ActivityKind.EMAIL;
            case WHATSAPP -> ActivityKind.WHATSAPP;
            case SMS -> ActivityKind.SMS;
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
