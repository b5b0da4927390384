package io.leadstream.nurture.templates.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.templates.TemplateDraft;
import io.leadstream.nurture.templates.TemplateRules;

/** A new template, as an admin writes it (who and when are nurture's; the id and version too). */
@Schema(name = "TemplateRequest")
public record TemplateRequest(
        @Schema(required = true, maxLength = TemplateRules.MAX_KEY, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$",
                example = "product-introduction", description = "what senders and sequences name it by; one "
                        + "template per key, channel and language") String key,
        @Schema(required = true, enumeration = { "EMAIL", "WHATSAPP", "SMS" }) String channel,
        @Schema(required = true, example = "es", description = "BCP 47 primary language subtag (ISO 639): en, es, de, "
                + "ro, ru, …") String language,
        @Schema(required = true, maxLength = TemplateRules.MAX_NAME, description = "what the template list shows")
        String name,
        @Schema(maxLength = TemplateRules.MAX_SUBJECT, description = "EMAIL only, required there: one line of Qute")
        String subject,
        @Schema(required = true, description = "Qute: HTML for EMAIL (values are HTML-escaped), plain text for "
                + "WHATSAPP (at most 4096 characters) and SMS (at most 1530); only the documented variables and "
                + "{#if} sections") String body) {

    TemplateDraft toDraft() {
        return new TemplateDraft(key, channel, language, name, subject, body);
    }
}
