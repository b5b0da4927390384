package io.leadstream.capture.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a lead may be contacted under a consent. Lower-case in JSON, as the API names them; nothing else is accepted. */
public enum ConsentChannel {
    @JsonProperty("email")
    EMAIL,
    @JsonProperty("whatsapp")
    WHATSAPP,
    @JsonProperty("sms")
    SMS,
    @JsonProperty("phone")
    PHONE;

    /** Whether the consent's address is an email address (else a phone number in E.164). */
    public boolean addressIsEmail() {
        return this == EMAIL;
    }
}
