package io.leadstream.capture.forms;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.consent.ConsentProof;
import io.leadstream.capture.consent.ConsentService;
import io.leadstream.capture.consent.ConsentStatus;
import io.leadstream.capture.consent.RecordConsent;
import io.leadstream.capture.model.ConsentChannel;
import io.leadstream.chassis.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Double opt-in: a random single-use token per submission (only its SHA-256 is stored), a confirmation email with
 * the link, and on the link the consent grant in the ledger (proof method {@code double-opt-in}).
 */
@ApplicationScoped
public class FormConfirmations {

    public static final String METHOD = "double-opt-in";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token to mail: the link's secret and where it goes. */
    public record Pending(String token, String address, WebForm form) {
    }

    /** A followed link: the form (for where to go next) and the lead it confirmed. */
    public record Confirmed(WebForm form, UUID leadId) {
    }

    private final ConsentService consents;
    private final ReactiveMailer mailer;
    private final FormsConfig config;
    private final MeterRegistry metrics;

    public FormConfirmations(ConsentService consents, ReactiveMailer mailer, FormsConfig config, MeterRegistry metrics) {
        this.consents = consents;
        this.mailer = mailer;
        this.config = config;
        this.metrics = metrics;
    }

    /** Stores a new token for {@code address} in the caller's transaction. */
    public Uni<Pending> request(WebForm form, UUID leadId, String address) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        FormConfirmation row = new FormConfirmation();
        row.tokenHash = hash(token);
        row.formKey = form.key;
        row.leadId = leadId;
        row.purpose = form.consentPurpose;
        row.textVersion = form.consentTextVersion;
        row.address = address;
        row.requestedAt = now;
        row.expiresAt = now.plus(config.confirmationTtl());
        return row.persist().replaceWith(new Pending(token, address, form));
    }

    /**
     * Sends the confirmation email (plain text and HTML). A failure is logged and counted, not thrown: the lead is
     * stored and the person may post the form again for a new link.
     */
    public Uni<Void> send(Pending pending, URI base) {
        String link = link(pending, base);
        String name = pending.form().name;
        String hours = String.valueOf(config.confirmationTtl().toHours());
        String text = """
                Hello,

                please confirm that you want to hear from us by email (%s):

                %s

                The link works once and expires in %s hours. If you did not fill in our form, ignore this email: \
                nothing will be sent to you.
                """.formatted(name, link, hours);
        String html = """
                <!DOCTYPE html><html><body>
                <p>Hello,</p>
                <p>please confirm that you want to hear from us by email (%s):</p>
                <p><a href="%s">Yes, confirm my subscription</a></p>
                <p>The link works once and expires in %s hours. If you did not fill in our form, ignore this email:
                nothing will be sent to you.</p>
                </body></html>
                """.formatted(Html.escape(name), Html.escape(link), hours);
        Mail mail = Mail.withText(pending.address(), "Please confirm: " + name, text).setHtml(html);
        return mailer.send(mail)
                .invoke(() -> metrics.counter("leadstream.forms.confirmation.mails", "outcome", "sent").increment())
                .invoke(() -> Log.infof("confirmation email for form %s sent", pending.form().key))
                .onFailure().invoke(e -> {
                    metrics.counter("leadstream.forms.confirmation.mails", "outcome", "failed").increment();
                    Log.errorf("confirmation email for form %s could not be sent: %s", pending.form().key, e.toString());
                })
                .onFailure().recoverWithNull();
    }

    /**
     * Follows a link: a known, unused, unexpired token of this form is used up and the consent recorded (and
     * consent.changed emitted) in one transaction. Else 404 (unknown) or 410 (used or expired).
     */
    public Uni<Confirmed> confirm(String formKey, String token, String clientAddress) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Uni.createFrom().failure(unknown());
        }
        return Panache.withTransaction(() -> FormConfirmation.locked(hash(token.strip()), formKey)
                .chain(row -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    if (row == null) {
                        return Uni.createFrom().failure(unknown());
                    }
                    if (row.confirmedAt != null) {
                        return Uni.createFrom().failure(gone("this confirmation link was already used: your "
                                + "confirmation is recorded"));
                    }
                    if (!row.expiresAt.isAfter(now)) {
                        return Uni.createFrom().failure(gone("this confirmation link has expired: please fill in the "
                                + "form again for a new one"));
                    }
                    row.confirmedAt = now;
                    RecordConsent grant = new RecordConsent(row.purpose, ConsentChannel.EMAIL,
                            ConsentStatus.GRANTED, new ConsentProof(now, METHOD, row.textVersion, row.formKey,
                                    row.address, clientAddress));
                    return consents.record(row.leadId, grant, new Viewer("form:" + row.formKey, true))
                            .chain(() -> WebForm.findExisting(row.formKey))
                            .map(form -> new Confirmed(form, row.leadId));
                }))
                .invoke(confirmed -> Log.infof("double opt-in confirmed for lead %s on form %s", confirmed.leadId(),
                        formKey));
    }

    private String link(Pending pending, URI base) {
        String root = config.publicUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> {
                    String b = base.toString();
                    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
                });
        return root + "/forms/" + pending.form().key + "/confirm?token=" + pending.token();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException unknown() {
        return new ProblemException(404, "confirmation-unknown", "Not Found",
                "this confirmation link is not valid: copy the whole link from the email");
    }

    private static ProblemException gone(String detail) {
        return new ProblemException(410, "confirmation-gone", "Gone", detail);
    }
}
