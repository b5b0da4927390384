package io.leadstream.nurture.sequences.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.sequences.DripSequence;
import io.leadstream.nurture.stages.Stage;
import io.leadstream.nurture.templates.Channel;

@Schema(name = "Sequence", description = "A drip sequence")
public record SequenceView(UUID id, String name, String purpose, @Schema(nullable = true) Stage enrolOnStage,
        boolean enrolOnQualified, List<Stage> stopOnStages, List<StepView> steps, String createdBy,
        Instant createdAt) {

    @Schema(name = "SequenceStep")
    public record StepView(int delayBusinessDays, Channel channel, String templateKey) {
    }

    static SequenceView of(DripSequence s) {
        return new SequenceView(s.id, s.name, s.purpose, s.enrolOnStage, s.enrolOnQualified,
                Arrays.stream(s.stopOnStages).map(Stage::valueOf).toList(),
                s.steps.items().stream().map(step -> new StepView(step.delayBusinessDays(), step.channel(),
                        step.templateKey())).toList(), s.createdBy, s.createdAt);
    }
}
