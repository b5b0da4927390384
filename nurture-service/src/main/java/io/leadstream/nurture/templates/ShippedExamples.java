package io.leadstream.nurture.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The example templates nurture ships ({@link #KEYS} × {@link #CHANNELS} × {@link #LANGUAGES}), read from
 * {@code message-templates/<key>/<channel>.<language>.txt} on the classpath and inserted at start-up where their key,
 * channel and language are absent: an admin's edit (or deletion and re-creation) is never overwritten, a restart or a
 * second replica starting at the same time inserts nothing twice.
 * <p>
 * A file is a header, a blank line and the Qute body. The header has {@code Name: …} (what the template list shows)
 * and, for EMAIL, {@code Subject: …} (the Qute subject), one per line.
 */
@ApplicationScoped
public class ShippedExamples {

    public static final List<String> KEYS = List.of("product-introduction", "meeting-invitation", "thank-you",
            "new-product-launch");
    public static final List<String> LANGUAGES = List.of("en", "es", "de", "ro", "ru");
    public static final List<Channel> CHANNELS = List.of(Channel.values());
    /** Who created the shipped examples (created_by, updated_by). */
    public static final String SHIPPER = "nurture-service";
    static final String ROOT = "message-templates/";

    private final TemplateRepository templates;
    private final Clock clock;

    public ShippedExamples(TemplateRepository templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        seed();
    }

    /** Inserts the examples that are absent; answers how many it inserted. */
    public int seed() {
        List<MessageTemplate> shipped = all().stream().map(this::entity).toList();
        int inserted = templates.insertAbsent(shipped).await().atMost(Duration.ofSeconds(60));
        Log.infof("shipped template examples: %d inserted, %d present already", inserted, shipped.size() - inserted);
        return inserted;
    }

    /** Every shipped example, checked by {@link TemplateRules} (a broken file fails the start). */
    public static List<TemplateRules.Checked> all() {
        List<TemplateRules.Checked> all = new ArrayList<>();
        for (String key : KEYS) {
            for (Channel channel : CHANNELS) {
                for (String language : LANGUAGES) {
                    all.add(read(key, channel, language));
                }
            }
        }
        return all;
    }

    /** The shipped example, as its file says. */
    public static TemplateRules.Checked read(String key, Channel channel, String language) {
        String path = ROOT + key + "/" + channel.name().toLowerCase(Locale.ROOT) + "." + language + ".txt";
        String text;
        try (InputStream in = ShippedExamples.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("shipped template " + path + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw new IllegalStateException(path + ": no blank line between the header and the body");
        }
        String name = null;
        String subject = null;
        for (String line : text.substring(0, blank).split("\n")) {
            if (line.startsWith("Name:")) {
                name = line.substring("Name:".length()).strip();
            } else if (line.startsWith("Subject:")) {
                subject = line.substring("Subject:".length()).strip();
            } else {
                throw new IllegalStateException(path + ": unknown header line '" + line + "'");
            }
        }
        String body = text.substring(blank + 2).strip() + "\n";
        try {
            return TemplateRules.check(new TemplateDraft(key, channel.name(), language, name, subject, body));
        } catch (RuntimeException e) {
            throw new IllegalStateException(path + " is not a valid template: " + e.getMessage()
                    + (e instanceof io.leadstream.chassis.problem.ProblemException p ? " " + p.problem().errors() : ""), e);
        }
    }

    private MessageTemplate entity(TemplateRules.Checked c) {
        MessageTemplate t = new MessageTemplate();
        t.id = UUID.randomUUID();
        t.templateKey = c.key();
        t.channel = c.channel();
        t.language = c.language();
        t.name = c.name();
        t.subject = c.subject();
        t.body = c.body();
        t.version = 1;
        t.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        t.createdBy = SHIPPER;
        t.updatedAt = t.createdAt;
        t.updatedBy = SHIPPER;
        return t;
    }
}
