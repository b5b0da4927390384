package io.leadstream.nurture.stages.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.stages.LeadStage;
import io.leadstream.nurture.stages.Stage;

/** A lead's place in the pipeline as the API shows it. */
@Schema(name = "LeadStage")
public record StageView(UUID leadId, Stage stage,
        @Schema(nullable = true, description = "the rep working the lead (Keycloak username); null while nobody of "
                + "ours does (shared with a partner company)") String owner,
        @Schema(description = "when the lead entered its current stage") Instant since) {

    public static StageView of(LeadStage s) {
        return new StageView(s.leadId, s.stage, s.owner, s.stageSince);
    }
}
