package io.leadstream.capture.forms;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.consent.ConsentProof;
import io.leadstream.capture.consent.ConsentService;
import io.leadstream.capture.consent.ConsentStatus;
import io.leadstream.capture.consent.RecordConsent;
import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.model.ConsentChannel;
import io.leadstream.capture.model.ContactNormaliser;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.chassis.ratelimit.RateLimit;
import io.leadstream.chassis.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * A post to a public web form: the form must exist and be active (else 404), the request's Origin must be one of
 * the form's (else 403, nothing stored), the per-client and per-form quotas must allow it (else 429), a filled
 * honeypot is answered like a success and discarded; otherwise the mapped fields become a lead through
 * {@link LeadIntake#capture} (the same validation, normalisation, de-duplication and lead.captured event as
 * the API), and the form's email consent is recorded at once or, with double opt-in, a confirmation email is sent
 * once the transaction has committed.
 */
@ApplicationScoped
public class FormSubmissions {

    private static final Set<String> UNTICKED = Set.of("", "false", "off", "no", "0");

    /** A post as the resource read it: the fields, the request's Origin and client address, the service's address. */
    public record Submission(Map<String, String> values, String origin, String clientAddress, URI base) {
    }

    /**
     * A post whose fields capture refused (invalid): {@code refusal} names the lead's fields, which the answer must
     * name by the form's own field names, with the form's CORS {@code headers}.
     */
    public static final class Refused extends RuntimeException {
        private final transient WebForm form;
        private final transient Map<String, String> headers;

        Refused(WebForm form, Map<String, String> headers, Throwable refusal) {
            super(refusal.getMessage(), refusal, false, false);
            this.form = form;
            this.headers = Map.copyOf(headers);
        }

        public WebForm form() {
            return form;
        }

        public Map<String, String> headers() {
            return headers;
        }
    }

    /**
     * An accepted post (or a discarded honeypot post, which looks the same): the form, a reference, whether a
     * confirmation email is due, and the headers to answer with (CORS, RateLimit).
     */
    public record Accepted(WebForm form, String reference, boolean confirmationRequired, Map<String, String> headers) {
    }

    private record Stored(Accepted accepted, FormConfirmations.Pending pending) {
    }

    private final LeadIntake capture;
    private final ConsentService consents;
    private final FormConfirmations confirmations;
    private final FormLeadFields leadFields;
    private final ContactNormaliser normaliser;
    private final RateLimiter limiter;
    private final MeterRegistry metrics;

    public FormSubmissions(LeadIntake capture, ConsentService consents, FormConfirmations confirmations,
            FormLeadFields leadFields, ContactNormaliser normaliser, RateLimiter limiter, MeterRegistry metrics) {
        this.capture = capture;
        this.consents = consents;
        this.confirmations = confirmations;
        this.leadFields = leadFields;
        this.normaliser = normaliser;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    /** The form if it exists and is active, else a 404 problem (the preflight's lookup). */
    public Uni<WebForm> activeForm(String key) {
        return Panache.withSession(() -> WebForm.<WebForm>findById(key))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("form", key))
                .invoke(form -> {
                    if (!form.active) {
                        throw ProblemException.notFound("form", key);
                    }
                });
    }

    public Uni<Accepted> submit(String key, Submission submission) {
        return Panache.withTransaction(() -> WebForm.<WebForm>findById(key).chain(form -> {
            if (form == null || !form.active) {
                count("unknown", "unknown-form"); // not the posted key: callers must not mint metric series
                return Uni.createFrom().failure(ProblemException.notFound("form", key));
            }
            return admitted(form, submission);
        }))
                .call(stored -> stored.pending() == null ? Uni.createFrom().voidItem()
                        : confirmations.send(stored.pending(), submission.base()))
                .map(Stored::accepted);
    }

    private Uni<Stored> admitted(WebForm form, Submission submission) {
        Map<String, String> cors = FormCors.headers(form, submission.origin());
        try {
            FormCors.check(form, submission.origin());
        } catch (ProblemException refused) {
            count(form.key, "origin-refused");
            Log.infof("form %s: refused a post from origin %s", form.key, submission.origin());
            throw refused;
        }
        return limiter.acquire("form:" + form.key + "|client:" + submission.clientAddress(),
                        RateLimit.of(form.clientPermits, Duration.ofSeconds(form.clientWindowSeconds)))
                .map(client -> client.orThrow("this form"))
                .call(client -> limiter.acquire("form:" + form.key,
                        RateLimit.of(form.formPermits, Duration.ofSeconds(form.formWindowSeconds)))
                        .invoke(whole -> whole.orThrow("this form")))
                .onFailure(ProblemException.class).invoke(limited -> {
                    count(form.key, "rate-limited");
                    cors.forEach(((ProblemException) limited)::header);
                })
                .chain(client -> withinQuota(form, submission, cors, client));
    }

    private Uni<Stored> withinQuota(WebForm form, Submission submission, Map<String, String> cors,
            RateLimiter.Decision client) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(cors);
        headers.putAll(client.headers());
        String reference = UUID.randomUUID().toString();
        boolean confirmation = form.doubleOptIn && asksForConsent(form, submission.values());
        String honeypot = submission.values().get(form.honeypotField);
        if (honeypot != null && !honeypot.isBlank()) {
            count(form.key, "honeypot");
            Log.infof("form %s: honeypot field filled, submission %s discarded (from %s)", form.key, reference,
                    submission.clientAddress());
            return Uni.createFrom().item(new Stored(new Accepted(form, reference, confirmation, headers), null));
        }
        return Uni.createFrom().item(() -> leadFields.request(form.fieldMapping, submission.values(), form.source))
                .chain(request -> capture.capture(new CaptureLead(request, Origin.form(form.key),
                        Viewer.system("form:" + form.key))))
                .onFailure(LeadIntake::refused).transform(refusal -> {
                    count(form.key, "invalid");
                    return new Refused(form, cors, refusal);
                })
                .chain(captured -> {
                    UUID leadId = captured.lead().id;
                    Log.infof("form %s: submission %s became lead %s (%s)", form.key, reference, leadId,
                            captured.merged() ? "merged" : "new");
                    count(form.key, "accepted");
                    Accepted accepted = new Accepted(form, reference, confirmation, headers);
                    return consent(form, leadId, submission)
                            .map(pending -> new Stored(accepted, pending));
                });
    }

    /** Records the form's consent now, or with double opt-in stores a token to mail; nothing if not asked for. */
    private Uni<FormConfirmations.Pending> consent(WebForm form, UUID leadId, Submission submission) {
        if (!asksForConsent(form, submission.values())) {
            return Uni.createFrom().nullItem();
        }
        String email = submission.values().get(emailField(form)).strip();
        if (form.doubleOptIn) {
            List<Problem.FieldError> errors = new ArrayList<>();
            String address = normaliser.normaliseAddress(ConsentChannel.EMAIL, email, null, "email", errors);
            return confirmations.request(form, leadId, address);
        }
        RecordConsent grant = new RecordConsent(form.consentPurpose, ConsentChannel.EMAIL,
                ConsentStatus.GRANTED, new ConsentProof(Instant.now().truncatedTo(ChronoUnit.MICROS), "web-form",
                        form.consentTextVersion, form.key, email, submission.clientAddress()));
        return consents.record(leadId, grant, new Viewer("form:" + form.key, true)).replaceWith((FormConfirmations.Pending) null);
    }

    /** The form asks for consent, its checkbox (if any) is ticked, and an email was given. */
    private static boolean asksForConsent(WebForm form, Map<String, String> values) {
        if (!form.asksForConsent()) {
            return false;
        }
        if (form.consentField != null) {
            String ticked = values.get(form.consentField);
            if (ticked == null || UNTICKED.contains(ticked.strip().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        String email = values.get(emailField(form));
        return email != null && !email.isBlank();
    }

    private static String emailField(WebForm form) {
        return form.fieldMapping.entrySet().stream().filter(e -> FormLeadFields.EMAIL.equals(e.getValue()))
                .map(Map.Entry::getKey).findFirst().orElse(FormLeadFields.EMAIL);
    }

    private void count(String form, String outcome) {
        metrics.counter("leadstream.forms.submissions", "form", form, "outcome", outcome).increment();
    }
}
