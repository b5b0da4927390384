package io.leadstream.nurture.templates;

/**
 * A template as an admin wrote it (channel still as text, so every offending field is reported at once);
 * {@link TemplateRules} checks it.
 */
public record TemplateDraft(String key, String channel, String language, String name, String subject, String body) {
}
