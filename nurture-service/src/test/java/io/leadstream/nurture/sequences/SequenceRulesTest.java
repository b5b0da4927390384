package io.leadstream.nurture.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.sequences.NewSequence.NewStep;
import io.leadstream.nurture.stages.Stage;
import io.leadstream.nurture.templates.Channel;

class SequenceRulesTest {

    static final NewStep INTRO = new NewStep(0, "EMAIL", "product-introduction");
    static final NewStep THANKS = new NewStep(2, "SMS", "thank-you");

    @Test
    void takesAValidSequenceWithTheDefaults() {
        SequenceRules.Checked c = SequenceRules.check(new NewSequence(" Welcome ", null, null, null, null,
                List.of(INTRO, THANKS)), "marketing");

        assertThat(c.name()).isEqualTo("Welcome");
        assertThat(c.purpose()).isEqualTo("marketing");
        assertThat(c.enrolOnStage()).isNull();
        assertThat(c.enrolOnQualified()).isFalse();
        assertThat(c.stopOnStages()).containsExactlyInAnyOrder(Stage.QUALIFIED, Stage.NEGOTIATION, Stage.CUSTOMER,
                Stage.UNQUALIFIED, Stage.INACTIVE);
        assertThat(c.steps()).containsExactly(new Step(0, Channel.EMAIL, "product-introduction"),
                new Step(2, Channel.SMS, "thank-you"));
    }

    @Test
    void theStageThatEnrolsIsNotADefaultStopStage() {
        SequenceRules.Checked c = SequenceRules.check(new NewSequence("Qualified follow-through", "sales",
                "QUALIFIED", true, null, List.of(INTRO)), "marketing");

        assertThat(c.purpose()).isEqualTo("sales");
        assertThat(c.enrolOnStage()).isEqualTo(Stage.QUALIFIED);
        assertThat(c.enrolOnQualified()).isTrue();
        assertThat(c.stopOnStages()).doesNotContain(Stage.QUALIFIED).contains(Stage.CUSTOMER);
    }

    @Test
    void takesTheStopStagesGiven() {
        SequenceRules.Checked c = SequenceRules.check(new NewSequence("Re-engage", null, "INACTIVE", null,
                List.of("CUSTOMER", "UNQUALIFIED"), List.of(INTRO)), "marketing");

        assertThat(c.stopOnStages()).isEqualTo(Set.of(Stage.CUSTOMER, Stage.UNQUALIFIED));
    }

    @Test
    void namesEveryInvalidField() {
        assertThat(errors(new NewSequence("", "All", "LATER", null, List.of("NEVER"), List.of(
                new NewStep(-1, "FAX", "x"), new NewStep(400, "EMAIL", null), new NewStep(1, "EMAIL", "Bad Key")))))
                .containsExactlyInAnyOrder("name", "enrolOnStage", "stopOnStages[0]", "steps[0].delayBusinessDays",
                        "steps[0].channel", "purpose", "steps[1].delayBusinessDays", "steps[1].templateKey",
                        "steps[2].templateKey");
    }

    @Test
    void aSequenceHasOneToTwentySteps() {
        assertThat(errors(new NewSequence("None", null, null, null, null, List.of()))).containsExactly("steps");
        assertThat(errors(new NewSequence("None", null, null, null, null, null))).containsExactly("steps");
        assertThat(errors(new NewSequence("Many", null, null, null, null, Collections.nCopies(21, INTRO))))
                .containsExactly("steps");
        assertThat(SequenceRules.check(new NewSequence("Twenty", null, null, null, null,
                Collections.nCopies(20, INTRO)), "marketing").steps()).hasSize(20);
    }

    @Test
    void theStageThatEnrolsMayNotStopTheSequence() {
        assertThat(errors(new NewSequence("Loop", null, "NURTURING", null, List.of("NURTURING"), List.of(INTRO))))
                .containsExactly("stopOnStages");
    }

    @Test
    void aNameHasAtMost120Characters() {
        assertThat(errors(new NewSequence("x".repeat(121), null, null, null, null, List.of(INTRO))))
                .containsExactly("name");
    }

    private static List<String> errors(NewSequence s) {
        ProblemException e = (ProblemException) org.assertj.core.api.Assertions.catchThrowable(
                () -> SequenceRules.check(s, "marketing"));
        assertThat(e).isNotNull();
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().type()).endsWith("/invalid-sequence");
        return e.problem().errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aMissingStepIsNamed() {
        assertThatThrownBy(() -> SequenceRules.check(new NewSequence("Gap", null, null, null, null,
                Arrays.asList(INTRO, null)), "marketing")).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors()).extracting(FieldError::field)
                        .containsExactly("steps[1]"));
    }
}
