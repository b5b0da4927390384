package io.leadstream.capture.intake;

/**
 * Where a submission came from, as the server (never the caller's body) knows it: the partner tenant from the
 * token's {@code partner_id} claim and the web form's key. Both null for the plain API.
 */
public record Origin(String partnerId, String formKey) {

    /** A submission through {@code POST /api/leads} or another channel without a partner or form. */
    public static final Origin API = new Origin(null, null);

    public static Origin partner(String partnerId) {
        return new Origin(partnerId, null);
    }

    public static Origin form(String formKey) {
        return new Origin(null, formKey);
    }
}
