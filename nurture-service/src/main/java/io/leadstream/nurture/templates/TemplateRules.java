package io.leadstream.nurture.templates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

/**
 * What a template may hold (a pure function, unit-tested): a slug {@code key}, a {@link Channel}, a BCP 47 primary
 * language subtag, a {@code name}, for EMAIL a one-line subject (refused for the other channels) and a body; subject
 * and body must be valid Qute (a syntax error is named with its line), use only {@code {#if}} sections and refer only to the documented variables ({@link TemplateVariables}; {@code unsubscribeUrl} in EMAIL
 * only). Every offending field is reported at once.
 */
public final class TemplateRules {

    public static final int MAX_KEY = 60;
    public static final int MAX_NAME = 120;
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_EMAIL_BODY = 50_000;
    /** WhatsApp's limit for a text message. */
    public static final int MAX_WHATSAPP_BODY = 4096;
    /** Ten concatenated GSM-7 segments. */
    public static final int MAX_SMS_BODY = 1530;

    static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    static final Set<String> TWO_LETTER_LANGUAGES = Set.of(Locale.getISOLanguages());

    /** A checked template, ready to be stored. */
    public record Checked(String key, Channel channel, String language, String name, String subject, String body) {
    }

    private TemplateRules() {
    }

    /** The template as it will be stored; a 400 problem listing every offending field otherwise. */
    public static Checked check(TemplateDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        String key = draft.key();
        if (key == null || key.length() > MAX_KEY || !SLUG.matcher(key).matches()) {
            errors.add(new FieldError("key", "must be a slug of at most " + MAX_KEY + " characters: lower-case letters "
                    + "and digits joined by hyphens (product-introduction)"));
        }
        Channel channel = channel(draft.channel(), errors);
        String language = language(draft.language(), "language", errors);
        String name = draft.name();
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "is required: 1 to " + MAX_NAME + " characters, not blank"));
        }
        if (channel != null) {
            checkSubject(channel, draft.subject(), errors);
            checkBody(channel, draft.body(), errors);
        } else if (draft.body() == null || draft.body().isBlank()) {
            errors.add(new FieldError("body", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation",
                    errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
        return new Checked(key, channel, language, name.strip(), draft.subject(), draft.body());
    }

    /** The channel named {@code value}; null (and an error naming {@code channel}) when it is none. */
    public static Channel channel(String value, List<FieldError> errors) {
        List<String> names = Arrays.stream(Channel.values()).map(Enum::name).toList();
        if (value == null || !names.contains(value)) {
            errors.add(new FieldError("channel", (value == null ? "is required: " : "must be ") + "one of "
                    + String.join(", ", names)));
            return null;
        }
        return Channel.valueOf(value);
    }

    /**
     * {@code value} as a lower-case BCP 47 primary language subtag ({@code en}, {@code es}, {@code de}, {@code ro},
     * {@code ru}, …: an ISO 639-1 code, or three letters); null (and an error naming {@code field}) otherwise.
     */
    public static String language(String value, String field, List<FieldError> errors) {
        String language = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (language == null || !LANGUAGE.matcher(language).matches()
                || (language.length() == 2 && !TWO_LETTER_LANGUAGES.contains(language))) {
            errors.add(new FieldError(field, "must be a BCP 47 primary language subtag: an ISO 639 code such as en, "
                    + "es, de, ro or ru"));
            return null;
        }
        return language;
    }

    private static void checkSubject(Channel channel, String subject, List<FieldError> errors) {
        if (channel != Channel.EMAIL) {
            if (subject != null) {
                errors.add(new FieldError("subject", "only an EMAIL template has a subject"));
            }
            return;
        }
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
            errors.add(new FieldError("subject", "is required for an EMAIL template: 1 to " + MAX_SUBJECT
                    + " characters, not blank"));
        } else if (subject.contains("\n") || subject.contains("\r")) {
            errors.add(new FieldError("subject", "must be one line"));
        } else {
            checkQute("subject", subject, channel, false, errors);
        }
    }

    private static void checkBody(Channel channel, String body, List<FieldError> errors) {
        int max = switch (channel) {
            case EMAIL -> MAX_EMAIL_BODY;
            case WHATSAPP -> MAX_WHATSAPP_BODY;
            case SMS -> MAX_SMS_BODY;
        };
        if (body == null || body.isBlank() || body.length() > max) {
            errors.add(new FieldError("body", "is required: 1 to " + max + " characters for " + channel + ", not blank"));
            return;
        }
        checkQute("body", body, channel, channel == Channel.EMAIL, errors);
    }

    private static void checkQute(String field, String source, Channel channel, boolean html, List<FieldError> errors) {
        Template template;
        try {
            template = QuteTemplates.parse(source, html);
        } catch (TemplateException e) {
            errors.add(new FieldError(field, syntaxError(e)));
            return;
        }
        List<QuteTemplates.Misuse> misuses = new ArrayList<>();
        for (QuteTemplates.Reference reference : QuteTemplates.references(template, misuses)) {
            if (!TemplateVariables.allowed(reference.name(), channel)) {
                errors.add(new FieldError(field, "line " + reference.line() + ": unknown variable {" + reference.name()
                        + "}" + (TemplateVariables.UNSUBSCRIBE_URL.equals(reference.name())
                                ? ": the unsubscribe link is for EMAIL templates only"
                                : "; a " + channel + " template may use " + String.join(", ", allowed(channel))
                                        + " and vars.<name>")));
            }
        }
        for (QuteTemplates.Misuse misuse : misuses) {
            errors.add(new FieldError(field, "line " + misuse.line() + ": " + misuse.message()));
        }
    }

    private static List<String> allowed(Channel channel) {
        return TemplateVariables.FIXED.stream().filter(name -> TemplateVariables.allowed(name, channel)).toList();
    }

    /** Qute's parser message, with the line it names. */
    static String syntaxError(TemplateException e) {
        String message = e.getMessage() == null ? "invalid template" : e.getMessage();
        message = message.replaceFirst("^Parser error( in template \\[[^\\]]*\\])?( on line \\d+)?:\\s*", "");
        int line = e.getOrigin() == null ? 0 : e.getOrigin().getLine();
        return (line > 0 ? "line " + line + ": " : "") + "invalid Qute: " + message.strip();
    }
}
