package io.leadstream.distribution.assignments.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.assignments.RuleSimulation;
import io.leadstream.distribution.routing.RuleBook;

/** What to simulate: a draft (or the rules in force) over given leads (or the most recently scored). */
@Schema(name = "AssignmentSimulationRequest")
public record SimulationRequest(
        @Schema(description = "the draft rules ({rules, fallback}, as PUT takes them); absent: the rules in force",
                nullable = true) RuleBook rules,
        @Size(max = RuleSimulation.MAX_SAMPLE) @Schema(description = "the leads to route; absent or empty: the "
                + "sample most recently scored", nullable = true) List<UUID> leadIds,
        @Min(1) @Max(RuleSimulation.MAX_SAMPLE) @Schema(description = "how many recently scored leads, 1-500; "
                + "default 50", defaultValue = "50", nullable = true) Integer sample) {
}
