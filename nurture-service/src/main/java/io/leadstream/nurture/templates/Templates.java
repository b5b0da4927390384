package io.leadstream.nurture.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What sending code asks of templates: the one to send for a key and channel in the lead's language, falling back to
 * English ({@link #pick}); render it with {@link TemplateRenderer#render(MessageTemplate, Variables)}.
 */
@ApplicationScoped
public class Templates {

    /** The language every shipped template exists in, used when the lead's language has none. */
    public static final String FALLBACK_LANGUAGE = "en";

    private final TemplateRepository templates;

    public Templates(TemplateRepository templates) {
        this.templates = templates;
    }

    /**
     * The template {@code key} for {@code channel} in the lead's {@code language} (a BCP 47 tag such as {@code es-MX}:
     * its primary subtag counts; null or unreadable counts as none), else in English; empty when neither exists.
     * Runs in the caller's session when there is one.
     */
    public Uni<Optional<MessageTemplate>> pick(String key, Channel channel, String language) {
        List<String> candidates = languagesToTry(language);
        return Panache.withSession(() -> templates.inLanguages(key, channel, candidates))
                .map(found -> candidates.stream()
                        .flatMap(candidate -> found.stream().filter(t -> t.language.equals(candidate)))
                        .findFirst());
    }

    /** The languages to look for, best first: the tag's primary subtag (lower-cased), then English. */
    public static List<String> languagesToTry(String language) {
        List<String> candidates = new ArrayList<>();
        if (language != null) {
            String primary = language.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
            if (TemplateRules.LANGUAGE.matcher(primary).matches()) {
                candidates.add(primary);
            }
        }
        if (!candidates.contains(FALLBACK_LANGUAGE)) {
            candidates.add(FALLBACK_LANGUAGE);
        }
        return List.copyOf(candidates);
    }
}
