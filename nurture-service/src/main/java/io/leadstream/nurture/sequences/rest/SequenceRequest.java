package io.leadstream.nurture.sequences.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.sequences.NewSequence;

/** POST /api/sequences' body. */
@Schema(name = "SequenceRequest", description = "A drip sequence: steps sent one after another to each enrolled lead")
public record SequenceRequest(
        @Schema(description = "unique (without regard to case), 1-120 characters", maxLength = 120,
                examples = "Welcome drip") String name,
        @Schema(description = "the consent purpose its messages are for; default the messaging default (marketing)",
                nullable = true, maxLength = 50, examples = "marketing") String purpose,
        @Schema(description = "a lead entering this stage is enrolled (once: a lead the sequence had before is not)",
                nullable = true, enumeration = { "OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION",
                        "CUSTOMER", "INACTIVE", "UNQUALIFIED" }) String enrolOnStage,
        @Schema(description = "a lead scoring qualifies is enrolled (once); default false", nullable = true)
        Boolean enrolOnQualified,
        @Schema(description = "a lead entering one of these stages leaves the sequence; default QUALIFIED, "
                + "NEGOTIATION, CUSTOMER, UNQUALIFIED and INACTIVE (less enrolOnStage)", nullable = true,
                type = SchemaType.ARRAY, maxItems = 8) List<String> stopOnStages,
        @Schema(description = "1-20 steps", minItems = 1, maxItems = 20) List<StepRequest> steps) {

    /** One step. */
    @Schema(name = "SequenceStepRequest")
    public record StepRequest(
            @Schema(description = "business days (Monday to Friday, less the configured holidays) after the step "
                    + "before went out (after the enrolment, for the first); 0 is at once", minimum = "0",
                    maximum = "365") Integer delayBusinessDays,
            @Schema(enumeration = { "EMAIL", "WHATSAPP", "SMS" }) String channel,
            @Schema(description = "a template of this channel (GET /api/templates), which must exist in English; sent "
                    + "in the lead's language when it exists in it", maxLength = 100, examples = "product-introduction")
            String templateKey) {
    }

    NewSequence toCommand() {
        return new NewSequence(name, purpose, enrolOnStage, enrolOnQualified, stopOnStages, steps == null ? null
                : steps.stream().map(s -> s == null ? null
                        : new NewSequence.NewStep(s.delayBusinessDays(), s.channel(), s.templateKey())).toList());
    }
}
