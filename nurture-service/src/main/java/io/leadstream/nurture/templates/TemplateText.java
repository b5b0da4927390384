package io.leadstream.nurture.templates;

/**
 * A template's text as {@link TemplateRenderer} renders it: the channel (HTML for EMAIL, plain text otherwise), the
 * language it is written in, the Qute subject (EMAIL only, else null) and the Qute body.
 */
public record TemplateText(Channel channel, String language, String subject, String body) {
}
