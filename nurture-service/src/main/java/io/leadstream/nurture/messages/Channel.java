package io.leadstream.nurture.messages;

/** The channels nurture sends messages through (and consent is given for, in capture's lower-case names). */
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
