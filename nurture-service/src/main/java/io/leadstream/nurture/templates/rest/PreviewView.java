package io.leadstream.nurture.templates.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.templates.Rendered;

/** A template rendered for a preview. */
@Schema(name = "TemplatePreview")
public record PreviewView(Channel channel, String language,
        @Schema(nullable = true, description = "EMAIL only") String subject,
        @Schema(nullable = true, description = "EMAIL only: the HTML body, values HTML-escaped") String html,
        @Schema(description = "the message text: EMAIL's plain-text alternative, or the WhatsApp message or SMS")
        String text,
        @Schema(description = "variables the template uses that had no value (rendered as nothing)")
        List<String> missing,
        @Schema(nullable = true, description = "SMS only: how many segments the text takes") Integer smsSegments,
        @Schema(nullable = true, description = "SMS only: GSM-7 or UCS-2") String smsEncoding,
        @Schema(nullable = true, description = "SMS only: septets (GSM-7) or UTF-16 units (UCS-2)") Integer smsLength) {

    public static PreviewView of(Rendered r) {
        return new PreviewView(r.channel(), r.language(), r.subject(), r.html(), r.text(), r.missing(),
                r.sms() == null ? null : r.sms().segments(), r.sms() == null ? null : r.sms().encoding(),
                r.sms() == null ? null : r.sms().units());
    }
}
