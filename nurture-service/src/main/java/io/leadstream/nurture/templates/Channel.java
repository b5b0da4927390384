package io.leadstream.nurture.templates;

/** Where a template's message goes: an HTML email with a subject, a WhatsApp message or an SMS (plain text). */
public enum Channel {
    EMAIL, WHATSAPP, SMS
}
