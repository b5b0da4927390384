package io.leadstream.nurture.templates;

/**
 * Where a message goes: an HTML email with a subject, a WhatsApp message or an SMS (plain text). The one channel type
 * of nurture: templates are written per channel, messages are sent through one, consent is given for one.
 */
public enum Channel {
    EMAIL("email"), WHATSAPP("whatsapp"), SMS("sms");

    private final String consentName;

    Channel(String consentName) {
        this.consentName = consentName;
    }

    /** The channel's name in capture's consent ledger and consent.changed ({@code email}, {@code whatsapp}, {@code sms}). */
    public String consentName() {
        return consentName;
    }
}
