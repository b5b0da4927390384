package io.leadstream.nurture.templates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.qute.Template;

/**
 * Renders a template with the values of a send or a preview (no I/O: the caller reads the lead and the rep). EMAIL:
 * the subject as plain text, the body as HTML with every value HTML-escaped, and a plain-text alternative derived from
 * that HTML; WHATSAPP and SMS: plain text, and for SMS its length in segments. A variable without a value renders as
 * nothing (never {@code null}) and is listed in {@link Rendered#missing()}. {@code company.name} is the configured
 * company name unless the values give one.
 */
@ApplicationScoped
public class TemplateRenderer {

    private final String companyName;

    @Inject
    public TemplateRenderer(TemplatesConfig config) {
        this(config.companyName());
    }

    public TemplateRenderer(String companyName) {
        this.companyName = companyName;
    }

    /** Renders {@code template}, which {@link TemplateRules} accepted, with {@code variables}. */
    public Rendered render(TemplateText template, Variables variables) {
        Variables values = variables.orElse(companyName == null ? Map.of()
                : Map.of(TemplateVariables.COMPANY_NAME, companyName));
        List<String> used = new ArrayList<>();
        boolean email = template.channel() == Channel.EMAIL;
        String subject = email ? render(template.subject(), false, values, used).strip() : null;
        String body = render(template.body(), email, values, used);
        List<String> missing = used.stream().distinct().filter(name -> values.get(name) == null).toList();
        if (email) {
            return new Rendered(template.channel(), template.language(), subject, body, PlainText.of(body), missing,
                    null);
        }
        String text = body.strip();
        return new Rendered(template.channel(), template.language(), null, null, text, missing,
                template.channel() == Channel.SMS ? SmsLength.of(text) : null);
    }

    /** Renders {@code template} as stored. */
    public Rendered render(MessageTemplate template, Variables variables) {
        return render(template.text(), variables);
    }

    private static String render(String source, boolean html, Variables values, List<String> used) {
        Template template = QuteTemplates.parse(source, html);
        List<QuteTemplates.Misuse> misuses = new ArrayList<>();
        List<String> names = QuteTemplates.names(QuteTemplates.references(template, misuses));
        if (!misuses.isEmpty()) {
            throw new IllegalArgumentException("template not checked by TemplateRules: " + misuses);
        }
        used.addAll(names);
        return template.render(data(names, values));
    }

    /** Qute's data: nested maps ({@code lead} → {@code firstName} → value) holding every used name, null when unset. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(List<String> names, Variables values) {
        Map<String, Object> data = new HashMap<>();
        for (String name : names) {
            String[] parts = name.split("\\.");
            Map<String, Object> level = data;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = level.computeIfAbsent(parts[i], k -> new HashMap<String, Object>());
                if (!(next instanceof Map)) {
                    throw new IllegalArgumentException("variable " + name + " nests under a value");
                }
                level = (Map<String, Object>) next;
            }
            level.put(parts[parts.length - 1], values.get(name));
        }
        return data;
    }

    /** The plain-text alternative of an HTML email body. */
    static final class PlainText {

        private static final Pattern DROPPED = Pattern.compile("(?is)<(head|style|script)\\b.*?</\\1\\s*>");
        private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a\\s*>");
        private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
        private static final Pattern ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
        private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|ul|ol|table|tr|blockquote)\\s*>");
        private static final Pattern LINE_END = Pattern.compile("(?i)</li\\s*>");
        private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
        private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

        private PlainText() {
        }

        static String of(String html) {
            String text = DROPPED.matcher(html).replaceAll("");
            text = text.replaceAll("\\s+", " ");
            Matcher link = LINK.matcher(text);
            StringBuilder linked = new StringBuilder();
            while (link.find()) {
                String url = link.group(1);
                String label = TAG.matcher(link.group(2)).replaceAll("").strip();
                String replacement = label.isEmpty() || label.equals(url) ? url
                        : url.equals("mailto:" + label) ? label : label + " (" + url + ")";
                link.appendReplacement(linked, Matcher.quoteReplacement(replacement));
            }
            link.appendTail(linked);
            text = BREAK.matcher(linked).replaceAll("\n");
            text = ITEM.matcher(text).replaceAll("\n- ");
            text = LINE_END.matcher(text).replaceAll("");
            text = BLOCK_END.matcher(text).replaceAll("\n\n");
            text = TAG.matcher(text).replaceAll("");
            text = unescape(text);
            StringBuilder lines = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                lines.append(line.strip()).append('\n');
            }
            return lines.toString().replaceAll("\n{3,}", "\n\n").strip();
        }

        private static String unescape(String text) {
            Matcher entity = ENTITY.matcher(text);
            StringBuilder out = new StringBuilder();
            while (entity.find()) {
                entity.appendReplacement(out, Matcher.quoteReplacement(decode(entity.group(1), entity.group())));
            }
            entity.appendTail(out);
            return out.toString();
        }

        private static String decode(String name, String original) {
            try {
                if (name.startsWith("#x") || name.startsWith("#X")) {
                    return Character.toString(Integer.parseInt(name.substring(2), 16));
                }
                if (name.startsWith("#")) {
                    return Character.toString(Integer.parseInt(name.substring(1)));
                }
            } catch (IllegalArgumentException e) {
                return original; // not a code point
            }
            return switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                case "copy" -> "©";
                case "euro" -> "€";
                case "ndash" -> "–";
                case "mdash" -> "—";
                default -> original;
            };
        }
    }
}
