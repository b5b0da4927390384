package io.leadstream.scoring.scores;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Scores leads and announces lead.scored in the same transaction. */
@ApplicationScoped
public class ScoringService {

    private final ScoringRules rules = new ScoringRules();
    private final Outbox outbox;

    public ScoringService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Runs inside the consumer's transaction (chassis inbox). */
    public Uni<Void> scoreCaptured(LeadCapturedEvent event) {
        if (event.leadId() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.captured without leadId"));
        }
        ScoringRules.Result result = rules.score(event.facts());
        return LeadScore.<LeadScore>findById(event.leadId()).chain(existing -> {
            LeadScore s = existing != null ? existing : new LeadScore();
            s.leadId = event.leadId();
            s.score = result.score();
            s.grade = result.grade();
            s.fit = result.fit();
            s.engagement = result.engagement();
            s.dataQuality = result.dataQuality();
            s.reasons = new LeadScore.Reasons(result.reasons());
            s.modelVersion = ScoringRules.VERSION;
            s.triggerEvent = "lead.captured";
            s.scoredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return s.<LeadScore>persist()
                    .chain(saved -> outbox.record(saved.leadId, LeadScored.of(saved)))
                    .invoke(() -> Log.infof("scored lead %s: %d (%s)", s.leadId, s.score, s.grade))
                    .replaceWithVoid();
        });
    }

    /** The lead's current score; a 404 problem when it has none (yet). */
    @WithSession
    public Uni<LeadScore> find(UUID leadId) {
        return LeadScore.<LeadScore>findById(leadId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("score for lead", leadId));
    }
}
