package io.leadstream.capture.intake;

import java.util.Objects;

/**
 * Where a submission came from, as the server (never the caller's body) knows it: the partner tenant from the
 * token's {@code partner_id} claim, the web form's key, and who captured it through the authenticated API. Every
 * channel picks one of the factories below, so each decides on purpose whether a lead it creates names a capturer.
 *
 * @param capturedBy the principal name (Keycloak username of a person, or of an integration's service account) of
 *        the caller who captured the lead through the authenticated API ({@code POST /api/leads}, the import,
 *        {@code POST /api/calls}); null for web forms, webhooks and partner submissions, where nobody of ours
 *        captured it. Distribution's OWNER strategy gives the lead to this rep.
 */
public record Origin(String partnerId, String formKey, String capturedBy) {

    /**
     * A channel of the service's own that nobody of ours submits through (a WhatsApp or Google Ads webhook): no
     * partner, no form, no capturer.
     */
    public static final Origin WEBHOOK = new Origin(null, null, null);

    /** A submission through the authenticated API by {@code principal} (the token's principal name). */
    public static Origin capturedBy(String principal) {
        return new Origin(null, null, Objects.requireNonNull(principal, "principal"));
    }

    /**
     * A partner's submission: the tenant names it. No capturer: the partner's client is not one of our people, and
     * the principal that submitted it is kept with the submission ({@code partner_submission.submitted_by}).
     */
    public static Origin partner(String partnerId) {
        return new Origin(partnerId, null, null);
    }

    /** A public web form's post: the form names it; anonymous, so no capturer. */
    public static Origin form(String formKey) {
        return new Origin(null, formKey, null);
    }
}
