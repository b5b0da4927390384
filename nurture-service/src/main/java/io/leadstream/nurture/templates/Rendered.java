package io.leadstream.nurture.templates;

import java.util.List;

/**
 * A rendered template. EMAIL: {@code subject}, the HTML body ({@code html}, values HTML-escaped) and its plain-text
 * alternative ({@code text}); WHATSAPP and SMS: {@code text} only (subject and html null), and for SMS its
 * {@link SmsLength}. {@code missing} names the variables the template uses that had no value (rendered as nothing).
 */
public record Rendered(Channel channel, String language, String subject, String html, String text,
        List<String> missing, SmsLength sms) {

    /** What is sent as the message body: the HTML for EMAIL, the text otherwise. */
    public String body() {
        return channel == Channel.EMAIL ? html : text;
    }
}
