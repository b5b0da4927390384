package io.leadstream.nurture.templates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;

/**
 * Qute as templates use it: one standalone engine (templates live in the database, not in {@code templates/}), values
 * HTML-escaped in an HTML body, strict rendering (a variable the data does not hold fails rather than printing
 * {@code NOT_FOUND}; {@link TemplateRenderer} gives every variable a template uses, null when it has no value, which
 * renders as nothing). Also what a parsed template refers to: the variables and the sections it uses.
 */
final class QuteTemplates {

    static final String HTML = "text/html";
    static final String TEXT = "text/plain";
    /** The only sections a template may use: conditions, so that every expression names a documented variable. */
    static final Set<String> SECTIONS = Set.of("if");
    /** The only virtual methods: a default for a missing value ({@code {lead.company ?: 'your company'}}). */
    static final Set<String> DEFAULTS = Set.of("?:", "or");

    static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addResultMapper(new HtmlEscaper(List.of(HTML)))
            .strictRendering(true)
            .build();

    /** A variable a template refers to, with the line it is on. */
    record Reference(String name, int line) {
    }

    /** What is wrong with a template that parses: an unsupported section or expression, with its line. */
    record Misuse(int line, String message) {
    }

    private QuteTemplates() {
    }

    /** Parses {@code source}; a {@code io.quarkus.qute.TemplateException} when it is not valid Qute. */
    static Template parse(String source, boolean html) {
        return ENGINE.parse(source, Variant.forContentType(html ? HTML : TEXT));
    }

    /** Every variable {@code template} refers to, in the order they appear (a name once per line). */
    static List<Reference> references(Template template, List<Misuse> misuses) {
        Set<Reference> references = new LinkedHashSet<>();
        for (Expression expression : template.getExpressions()) {
            collect(expression, references, misuses);
        }
        for (TemplateNode node : template.findNodes(TemplateNode::isSection)) {
            String name = node.asSection().getName();
            if (!SECTIONS.contains(name)) {
                misuses.add(new Misuse(node.getOrigin().getLine(), "the section {#" + name + "} is not supported: "
                        + "a template may use {#if …}{#else if …}{#else}{/if} only"));
            }
        }
        return new ArrayList<>(references);
    }

    /** The distinct variable names among {@code references}, in order. */
    static List<String> names(List<Reference> references) {
        return references.stream().map(Reference::name).distinct().toList();
    }

    private static void collect(Expression expression, Set<Reference> references, List<Misuse> misuses) {
        if (expression.isLiteral()) {
            return;
        }
        int line = expression.getOrigin().getLine();
        if (expression.hasNamespace()) {
            misuses.add(new Misuse(line, "{" + expression.toOriginalString() + "}: namespaces ("
                    + expression.getNamespace() + ":) are not supported"));
            return;
        }
        StringBuilder name = new StringBuilder();
        boolean pastName = false;
        for (Expression.Part part : expression.getParts()) {
            if (!part.isVirtualMethod() && !pastName) {
                name.append(name.isEmpty() ? "" : ".").append(part.getName());
                continue;
            }
            pastName = true;
            if (!part.isVirtualMethod() || !DEFAULTS.contains(part.getName())) {
                misuses.add(new Misuse(line, "{" + expression.toOriginalString() + "}: only a default (?: 'text') may "
                        + "follow a variable"));
                return;
            }
            for (Expression parameter : part.asVirtualMethod().getParameters()) {
                collect(parameter, references, misuses);
            }
        }
        references.add(new Reference(name.toString(), line));
    }
}
