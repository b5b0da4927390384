package io.leadstream.nurture.messages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.templates.Channel;

/** What a message request must hold (a pure function): every offending field in one 400 problem. */
public final class MessageRules {

    static final int MAX_SUBJECT = 300;
    static final int MAX_EMAIL_TEXT = 10_000;
    /** WhatsApp's text message limit. */
    static final int MAX_WHATSAPP_TEXT = 4096;
    /** Ten concatenated SMS segments of UCS-2 text. */
    static final int MAX_SMS_TEXT = 670;
    static final String PURPOSE = "[a-z0-9]+(-[a-z0-9]+)*";

    /**
     * A request that passed: the channel, purpose, and either a template key with the sender's vars or a subject
     * (EMAIL) and text, stripped.
     */
    public record Checked(Channel channel, String purpose, String templateKey, Map<String, String> vars, String subject,
            String text) {

        public boolean templated() {
            return templateKey != null;
        }
    }

    private MessageRules() {
    }

    public static Checked check(SendMessage request, String defaultPurpose) {
        List<FieldError> errors = new ArrayList<>();
        Channel channel = null;
        if (request.channel() == null || request.channel().isBlank()) {
            errors.add(new FieldError("channel", "required: one of " + channels()));
        } else {
            try {
                channel = Channel.valueOf(request.channel().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("channel", "must be one of " + channels()));
            }
        }
        String purpose = request.purpose() == null || request.purpose().isBlank() ? defaultPurpose
                : request.purpose().strip();
        if (purpose.length() > 50 || !purpose.matches(PURPOSE)) {
            errors.add(new FieldError("purpose", "must be a lower-case slug of at most 50 characters (marketing, "
                    + "sales, ...)"));
        } else if ("all".equals(purpose)) {
            errors.add(new FieldError("purpose", "'all' is not a purpose a message can be for (it is the consent "
                    + "purpose of do-not-contact)"));
        }
        String subject = blank(request.subject()) ? null : request.subject().strip();
        String text = blank(request.text()) ? null : request.text().strip();
        String templateKey = blank(request.templateKey()) ? null : request.templateKey().strip();
        Map<String, String> vars = request.vars() == null ? Map.of() : request.vars();
        if (templateKey != null) {
            if (templateKey.length() > 100 || !templateKey.matches(PURPOSE)) {
                errors.add(new FieldError("templateKey", "must be a template's key, a lower-case slug"));
            }
            if (text != null) {
                errors.add(new FieldError("text", "a message is a template or a text, not both"));
            }
            if (subject != null) {
                errors.add(new FieldError("subject", "a template brings its own subject"));
            }
            if (vars.size() > 50) {
                errors.add(new FieldError("vars", "at most 50 values"));
            }
            vars.forEach((name, value) -> {
                if (name == null || !name.matches("[A-Za-z][A-Za-z0-9]{0,49}")) {
                    errors.add(new FieldError("vars", "'" + String.valueOf(name).substring(0,
                            Math.min(50, String.valueOf(name).length())) + "' is not a variable name (letters and "
                            + "digits, as {vars.meetingTime} names meetingTime)"));
                } else if (value != null && value.length() > 2000) {
                    errors.add(new FieldError("vars." + name, "at most 2000 characters"));
                }
            });
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("invalid-message", "the message cannot be sent as asked", errors);
            }
            return new Checked(channel, purpose, templateKey, Map.copyOf(withoutNulls(vars)), null, null);
        }
        if (!vars.isEmpty()) {
            errors.add(new FieldError("vars", "only a template has variables"));
        }
        if (text == null) {
            errors.add(new FieldError("text", "required, unless a templateKey is given"));
        }
        if (channel == Channel.EMAIL) {
            if (subject == null) {
                errors.add(new FieldError("subject", "required for EMAIL"));
            } else if (subject.length() > MAX_SUBJECT || subject.contains("\n") || subject.contains("\r")) {
                errors.add(new FieldError("subject", "one line of at most " + MAX_SUBJECT + " characters"));
            }
        } else if (channel != null && subject != null) {
            errors.add(new FieldError("subject", "only an EMAIL has a subject"));
        }
        if (channel != null && text != null && text.length() > maxText(channel)) {
            errors.add(new FieldError("text", "at most " + maxText(channel) + " characters for " + channel));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-message", "the message cannot be sent as asked", errors);
        }
        return new Checked(channel, purpose, null, Map.of(), subject, text);
    }

    private static Map<String, String> withoutNulls(Map<String, String> vars) {
        Map<String, String> copy = new java.util.HashMap<>();
        vars.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    static int maxText(Channel channel) {
        return switch (channel) {
            case EMAIL -> MAX_EMAIL_TEXT;
            case WHATSAPP -> MAX_WHATSAPP_TEXT;
            case SMS -> MAX_SMS_TEXT;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String channels() {
        return Arrays.stream(Channel.values()).map(Channel::name).collect(Collectors.joining(", "));
    }
}
