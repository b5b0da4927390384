package io.leadstream.nurture.messages;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.messages.MessageService.Sender;
import io.leadstream.nurture.stages.StageService;
import io.leadstream.nurture.templates.Rendered;
import io.leadstream.nurture.templates.TemplateService;
import io.leadstream.nurture.templates.TemplateVariables;
import io.leadstream.nurture.templates.Variables;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * A template previewed with one lead's own values (POST /api/templates/{id}/preview with a {@code leadId}): what a
 * send of it would say to that lead now. The lead's values are read from capture at this moment, as a send reads them
 * ({@link LeadDirectory}, nurture's own token), the sender's {@code rep.*} are the caller's, the template is the one
 * asked for, in its own language (a preview does not pick another), and the request's {@code variables} override all
 * of these. Nothing is sent or written. The unsubscribe link is the sample one (a preview never hands out a working
 * link for a lead), and no {@code vars.*} have samples: {@code missing} lists those a send would need.
 */
@ApplicationScoped
public class LeadPreview {

    private final TemplateService templates;
    private final StageService stages;
    private final LeadDirectory directory;

    public LeadPreview(TemplateService templates, StageService stages, LeadDirectory directory) {
        this.templates = templates;
        this.stages = stages;
        this.directory = directory;
    }

    /**
     * Template {@code templateId} rendered for lead {@code leadId} as {@code viewer} (with the stage's record-level
     * access: a 404 problem for a lead nurture does not know or the viewer may not see), sent by {@code from}, with
     * {@code given} overriding. 400 for an unknown variable, 404 for no such template, 409 {@code lead-gone} when
     * capture no longer knows the lead, 503 {@code capture-unavailable} (with Retry-After) when capture does not answer.
     */
    public Uni<Rendered> preview(UUID templateId, UUID leadId, Viewer viewer, Sender from,
            Map<String, String> given) {
        Map<String, String> overrides = TemplateService.previewValues(given);
        return templates.get(templateId)
                .chain(() -> Panache.withSession(() -> stages.find(leadId, viewer)))
                .chain(() -> directory.recipient(leadId)
                        .onFailure(e -> !(e instanceof ProblemException)).transform(LeadPreview::unavailable))
                .chain(r -> {
                    if (r == null) {
                        throw ProblemException.conflict("lead-gone", "capture no longer knows the lead (erased, or "
                                + "merged into another)");
                    }
                    Map<String, String> values = new HashMap<>(Variables.of(new Variables.Lead(r.firstName(),
                            r.lastName(), r.company(), r.email(), r.phone(), r.country(), r.language(), r.products()),
                            new Variables.Rep(from.displayName() != null ? from.displayName() : from.username(),
                                    from.email()),
                            TemplateVariables.SAMPLES.get(TemplateVariables.UNSUBSCRIBE_URL), null).values());
                    values.putAll(overrides);
                    return templates.render(templateId, values);
                });
    }

    private static ProblemException unavailable(Throwable cause) {
        Log.warnf(cause, "capture-service did not answer a preview's lead lookup");
        return new ProblemException(503, "capture-unavailable", "Service Unavailable", "capture-service, which holds "
                + "the lead's values, did not answer; preview again later").retryAfter(
                        MessageService.RETRY_AFTER_SECONDS);
    }
}
