package io.leadstream.nurture.stages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;


class AssignmentDecisionTest {

    private static LeadStage ownedBy(String owner, Stage stage) {
        LeadStage lead = new LeadStage();
        lead.owner = owner;
        lead.stage = stage;
        return lead;
    }

    @Test
    void shouldOpenALeadOnItsFirstAssignment() {
        assertThat(AssignmentDecision.of(null, "rep1")).isEqualTo(AssignmentDecision.OPEN);
    }

    @Test
    void shouldOnlyChangeTheOwnerWhenAnOpenLeadIsAssignedToAnotherRep() {
        assertThat(AssignmentDecision.of(ownedBy("rep1", Stage.OPEN), "rep2")).isEqualTo(AssignmentDecision.CHANGE_OWNER);
    }

    @Test
    void shouldKeepTheStageOfALeadFurtherDownThePipelineWhenReassigned() {
        assertThat(AssignmentDecision.of(ownedBy("rep1", Stage.NEGOTIATION), "rep2"))
                .isEqualTo(AssignmentDecision.CHANGE_OWNER);
    }

    @Test
    void shouldDoNothingWhenTheLeadIsAssignedToItsOwnerAgain() {
        assertThat(AssignmentDecision.of(ownedBy("rep1", Stage.OPEN), "rep1")).isEqualTo(AssignmentDecision.NONE);
    }
}
