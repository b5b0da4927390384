package io.leadstream.nurture.templates;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Message templates, company-wide: admins create and edit them (checked by {@link TemplateRules}; one per key,
 * channel and language; each edit counts up {@code version}, and an edit made against an older version is refused),
 * everyone who sends reads and previews them. Who may write is the REST edge's role check.
 */
@ApplicationScoped
public class TemplateService {

    /** The most variables a preview may give. */
    public static final int MAX_PREVIEW_VARIABLES = 100;
    /** The longest value a preview may give. */
    public static final int MAX_PREVIEW_VALUE = 2000;

    /** One page of templates; {@code next} is null on the last page. */
    public record Listing(List<MessageTemplate> templates, TemplateCursor next) {
    }

    /** What an admin may change in a template: its key, channel and language stay. */
    public record Change(String name, String subject, String body) {
    }

    private final TemplateRepository templates;
    private final TemplateRenderer renderer;
    private final Clock clock;

    public TemplateService(TemplateRepository templates, TemplateRenderer renderer, Clock clock) {
        this.templates = templates;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** Creates the template as {@code actor}; a 400 problem for invalid fields, 409 when its key, channel and language exist. */
    public Uni<MessageTemplate> create(TemplateDraft draft, String actor) {
        TemplateRules.Checked checked = TemplateRules.check(draft);
        return Panache.withTransaction(() -> templates.byIdentity(checked.key(), checked.channel(), checked.language())
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(duplicate(checked));
                    }
                    MessageTemplate t = new MessageTemplate();
                    t.id = UUID.randomUUID();
                    t.templateKey = checked.key();
                    t.channel = checked.channel();
                    t.language = checked.language();
                    t.name = checked.name();
                    t.subject = checked.subject();
                    t.body = checked.body();
                    t.version = 1;
                    t.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    t.createdBy = actor;
                    t.updatedAt = t.createdAt;
                    t.updatedBy = actor;
                    return templates.persist(t);
                }))
                // a concurrent create of the same key, channel and language won the unique constraint
                .onFailure(TemplateService::isDuplicate).transform(e -> duplicate(checked))
                .invoke(t -> Log.infof("template %s (%s, %s, %s) created by %s", t.id, t.templateKey, t.channel,
                        t.language, actor));
    }

    /**
     * Changes the template's name, subject and body as {@code actor}; {@code expectedVersion} (the If-Match the caller
     * sent, null for none) must be its current version, else a 412 problem. The version counts up by one.
     */
    public Uni<MessageTemplate> update(UUID id, Change change, Integer expectedVersion, String actor) {
        return Panache.withTransaction(() -> templates.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("template", id))
                .map(t -> {
                    TemplateRules.Checked checked = TemplateRules.check(new TemplateDraft(t.templateKey,
                            t.channel.name(), t.language, change.name(), change.subject(), change.body()));
                    if (expectedVersion != null && expectedVersion != t.version) {
                        throw new ProblemException(412, "template-modified", "Precondition Failed", "template " + id
                                + " is at version " + t.version + ", not " + expectedVersion
                                + " (If-Match): someone changed it meanwhile; read it again and redo the edit");
                    }
                    t.name = checked.name();
                    t.subject = checked.subject();
                    t.body = checked.body();
                    t.version = t.version + 1;
                    t.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    t.updatedBy = actor;
                    return t;
                }))
                .invoke(t -> Log.infof("template %s (%s, %s, %s) changed to version %d by %s", t.id, t.templateKey,
                        t.channel, t.language, t.version, actor));
    }

    /** The template; a 404 problem when there is none. */
    public Uni<MessageTemplate> get(UUID id) {
        return Panache.withSession(() -> templates.findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("template", id));
    }

    /** A page of templates matching {@code filter}, by key, channel and language. */
    public Uni<Listing> list(TemplateRepository.Filter filter, TemplateCursor after, int limit) {
        return Panache.withSession(() -> templates.page(filter, after, limit + 1))
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Listing(rows, null);
                    }
                    MessageTemplate last = rows.get(limit - 1);
                    return new Listing(rows.subList(0, limit),
                            new TemplateCursor(last.templateKey, last.channel, last.language));
                });
    }

    /**
     * The template rendered with {@code given} (variable name → value; a null or blank value means "no value") and
     * the documented samples for every variable not given. Fetches nothing about any lead.
     */
    public Uni<Rendered> preview(UUID id, Map<String, String> given) {
        Map<String, String> values = new HashMap<>(TemplateVariables.SAMPLES);
        values.putAll(previewValues(given));
        return render(id, values);
    }

    /**
     * The values a preview request gives, checked (at most {@value #MAX_PREVIEW_VARIABLES}, each a template variable,
     * each at most {@value #MAX_PREVIEW_VALUE} characters): a 400 problem naming {@code variables.<name>} otherwise.
     * A null or blank value stays, as "no value".
     */
    public static Map<String, String> previewValues(Map<String, String> given) {
        Map<String, String> values = new HashMap<>();
        if (given == null) {
            return values;
        }
        List<FieldError> errors = new ArrayList<>();
        if (given.size() > MAX_PREVIEW_VARIABLES) {
            errors.add(new FieldError("variables", "at most " + MAX_PREVIEW_VARIABLES + " variables"));
        }
        given.forEach((name, value) -> {
            if (!TemplateVariables.known(name)) {
                errors.add(new FieldError("variables." + name, "is not a template variable: one of "
                        + String.join(", ", TemplateVariables.FIXED) + " or vars.<name>"));
            } else if (value != null && value.length() > MAX_PREVIEW_VALUE) {
                errors.add(new FieldError("variables." + name, "at most " + MAX_PREVIEW_VALUE + " characters"));
            }
            values.put(name, value);
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation",
                    errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
        return values;
    }

    /** Template {@code id} rendered in its own language with exactly {@code values}; a 404 problem for none. */
    public Uni<Rendered> render(UUID id, Map<String, String> values) {
        return get(id).map(t -> renderer.render(t, new Variables(values)));
    }

    private static ProblemException duplicate(TemplateRules.Checked t) {
        return ProblemException.conflict("duplicate-template", "a " + t.channel() + " template '" + t.key()
                + "' in language " + t.language() + " exists already; change it with PUT /api/templates/{id}");
    }

    private static boolean isDuplicate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("message_template_identity")) {
                return true;
            }
        }
        return false;
    }
}
