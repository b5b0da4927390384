package io.leadstream.nurture.stages;

import static io.leadstream.nurture.stages.Stage.CONTACTED;
import static io.leadstream.nurture.stages.Stage.CUSTOMER;
import static io.leadstream.nurture.stages.Stage.INACTIVE;
import static io.leadstream.nurture.stages.Stage.NEGOTIATION;
import static io.leadstream.nurture.stages.Stage.NURTURING;
import static io.leadstream.nurture.stages.Stage.OPEN;
import static io.leadstream.nurture.stages.Stage.QUALIFIED;
import static io.leadstream.nurture.stages.Stage.UNQUALIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.stages.StageMachine.Move;

class StageMachineTest {

    private static final boolean REP = false;
    private static final boolean MANAGER = true;

    private final StageMachine machine = new StageMachine(
            List.of("no-budget", "no-need", "no-authority", "wrong-timing", "competitor", "unreachable", "duplicate",
                    "spam"),
            List.of("referral", "inbound-request", "contract-signed", "stalled", "new-need", "re-engaged"));

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable move, int status, String type) {
        return assertThatThrownBy(move::run).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(status))
                .satisfies(e -> assertThat(((ProblemException) e).problem().type())
                        .isEqualTo(Problem.TYPE_BASE + type));
    }

    private static Problem problemOf(Runnable move) {
        try {
            move.run();
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("the move was allowed");
    }

    @ParameterizedTest
    @CsvSource({ "OPEN,CONTACTED", "CONTACTED,NURTURING", "NURTURING,QUALIFIED", "QUALIFIED,NEGOTIATION",
            "NEGOTIATION,CUSTOMER" })
    void shouldLetTheOwnerMoveOneStepForwardWithoutAReason(Stage from, Stage to) {
        assertThat(machine.check(from, to, REP, null)).isEqualTo(Move.FORWARD);
        assertThat(machine.check(from, to, MANAGER, null)).isEqualTo(Move.FORWARD);
    }

    @Test
    void shouldTakeAnOptionalReasonOnAStepForwardOnlyFromTheList() {
        assertThat(machine.check(OPEN, CONTACTED, REP, "inbound-request")).isEqualTo(Move.FORWARD);
        assertThat(problemOf(() -> machine.check(OPEN, CONTACTED, REP, "called him on Monday")).errors())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("reason");
                    assertThat(error.message()).contains("inbound-request", "referral");
                });
    }

    @ParameterizedTest
    @CsvSource({ "OPEN,NURTURING", "OPEN,QUALIFIED", "OPEN,NEGOTIATION", "CONTACTED,QUALIFIED",
            "CONTACTED,NEGOTIATION", "NURTURING,NEGOTIATION" })
    void shouldLetTheOwnerSkipAheadWithAReason(Stage from, Stage to) {
        assertThat(machine.check(from, to, REP, "referral")).isEqualTo(Move.SKIP_AHEAD);
    }

    @ParameterizedTest
    @CsvSource({ "OPEN,QUALIFIED", "CONTACTED,NEGOTIATION" })
    void shouldRefuseSkippingAheadWithoutAReason(Stage from, Stage to) {
        refused(() -> machine.check(from, to, MANAGER, null), 400, "invalid-stage-move");
        refused(() -> machine.check(from, to, REP, "  "), 400, "invalid-stage-move");
        assertThat(problemOf(() -> machine.check(from, to, REP, null)).errors()).singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("reason"));
    }

    @ParameterizedTest
    @CsvSource({ "OPEN", "CONTACTED", "NURTURING", "QUALIFIED" })
    void shouldLetOnlyAManagerMakeALeadACustomerBeforeNegotiation(Stage from) {
        assertThat(machine.check(from, CUSTOMER, MANAGER, "contract-signed")).isEqualTo(Move.WIN_EARLY);
        refused(() -> machine.check(from, CUSTOMER, REP, "contract-signed"), 403, "stage-move-needs-manager")
                .hasMessageContaining("sales-manager");
    }

    @Test
    void shouldNeedAReasonEvenFromAManagerToWinEarly() {
        refused(() -> machine.check(OPEN, CUSTOMER, MANAGER, null), 400, "invalid-stage-move");
    }

    @Test
    void shouldAnswerARepWinningEarlyWithoutAReasonWith403NotA400() {
        refused(() -> machine.check(OPEN, CUSTOMER, REP, null), 403, "stage-move-needs-manager");
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = { "OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION" })
    void shouldDisqualifyAWorkingLeadWithAReasonFromTheUnqualifiedList(Stage from) {
        assertThat(machine.check(from, UNQUALIFIED, REP, "no-budget")).isEqualTo(Move.DISQUALIFY);
    }

    @Test
    void shouldRefuseDisqualifyingWithoutAReasonOrWithOneNotInTheList() {
        assertThat(problemOf(() -> machine.check(QUALIFIED, UNQUALIFIED, REP, null)).errors()).singleElement()
                .satisfies(error -> {
                    assertThat(error.field()).isEqualTo("reason");
                    assertThat(error.message()).contains("no-budget", "spam");
                });
        assertThat(problemOf(() -> machine.check(QUALIFIED, UNQUALIFIED, REP, "too-expensive")).detail())
                .contains("too-expensive");
        // a move reason is not a reason to be unqualified, nor the other way round
        refused(() -> machine.check(QUALIFIED, UNQUALIFIED, REP, "referral"), 400, "invalid-stage-move");
        refused(() -> machine.check(OPEN, QUALIFIED, REP, "no-budget"), 400, "invalid-stage-move");
    }

    @Test
    void shouldTakeReasonCodesWithSurroundingBlanks() {
        assertThat(machine.check(OPEN, UNQUALIFIED, REP, " spam ")).isEqualTo(Move.DISQUALIFY);
    }

    @ParameterizedTest
    @CsvSource({ "NURTURING,CONTACTED", "QUALIFIED,NURTURING", "NEGOTIATION,QUALIFIED", "NEGOTIATION,CONTACTED" })
    void shouldLetTheOwnerStepBackWithAReason(Stage from, Stage to) {
        assertThat(machine.check(from, to, REP, "stalled")).isEqualTo(Move.STEP_BACK);
        refused(() -> machine.check(from, to, REP, null), 400, "invalid-stage-move");
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = { "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION" })
    void shouldNeverMoveAWorkingLeadBackToOpen(Stage from) {
        refused(() -> machine.check(from, OPEN, MANAGER, "stalled"), 409, "stage-move-not-allowed");
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = { "OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION",
            "UNQUALIFIED" })
    void shouldLetOnlyACustomerGoInactive(Stage from) {
        refused(() -> machine.check(from, INACTIVE, MANAGER, "stalled"), 409, "stage-move-not-allowed");
    }

    @Test
    void shouldLetACustomerGoDormant() {
        assertThat(machine.check(CUSTOMER, INACTIVE, REP, null)).isEqualTo(Move.LAPSE);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = { "OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION",
            "UNQUALIFIED" })
    void shouldKeepACustomerACustomerUnlessItGoesInactive(Stage to) {
        refused(() -> machine.check(CUSTOMER, to, MANAGER, "stalled"), 409,
                "stage-move-not-allowed").hasMessageContaining("INACTIVE");
    }

    @ParameterizedTest
    @CsvSource({ "NURTURING", "QUALIFIED" })
    void shouldBringAnInactiveCustomerBackToNurturingOrQualified(Stage to) {
        assertThat(machine.check(INACTIVE, to, REP, null)).isEqualTo(Move.REACTIVATE);
        assertThat(machine.check(INACTIVE, to, REP, "re-engaged")).isEqualTo(Move.REACTIVATE);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = { "OPEN", "CONTACTED", "NEGOTIATION", "CUSTOMER", "UNQUALIFIED" })
    void shouldRefuseAnyOtherMoveOfAnInactiveCustomer(Stage to) {
        refused(() -> machine.check(INACTIVE, to, MANAGER, "re-engaged"), 409, "stage-move-not-allowed");
    }

    @ParameterizedTest
    @CsvSource({ "OPEN", "CONTACTED" })
    void shouldLetOnlyAManagerReopenAnUnqualifiedLeadWithAReason(Stage to) {
        assertThat(machine.check(UNQUALIFIED, to, MANAGER, "new-need")).isEqualTo(Move.REOPEN);
        refused(() -> machine.check(UNQUALIFIED, to, REP, "new-need"), 403, "stage-move-needs-manager");
        refused(() -> machine.check(UNQUALIFIED, to, MANAGER, null), 400, "invalid-stage-move");
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = { "NURTURING", "QUALIFIED", "NEGOTIATION", "CUSTOMER", "INACTIVE" })
    void shouldRefuseReopeningAnUnqualifiedLeadFurtherDownThePipeline(Stage to) {
        refused(() -> machine.check(UNQUALIFIED, to, MANAGER, "new-need"), 409, "stage-move-not-allowed")
                .hasMessageContaining("OPEN, CONTACTED");
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void shouldAnswerAMoveToTheSameStageWith409(Stage stage) {
        refused(() -> machine.check(stage, stage, MANAGER, "stalled"), 409, "stage-unchanged")
                .hasMessageContaining("already");
    }

    @Test
    void shouldNameTheAllowedMovesWhenRefusingOne() {
        assertThat(problemOf(() -> machine.check(QUALIFIED, INACTIVE, REP, null)).detail())
                .isEqualTo("a lead cannot move from QUALIFIED to INACTIVE; from QUALIFIED a lead may move to "
                        + "NEGOTIATION; with a reason to CONTACTED, NURTURING, UNQUALIFIED; as a sales-manager or "
                        + "lead-admin, with a reason, to CUSTOMER");
    }

    @Test
    void shouldCheckTheTableBeforeTheRoleAndTheRoleBeforeTheReason() {
        refused(() -> machine.check(CUSTOMER, OPEN, REP, null), 409, "stage-move-not-allowed");
        refused(() -> machine.check(UNQUALIFIED, OPEN, REP, null), 403, "stage-move-needs-manager");
    }

    @Test
    void shouldListEveryStageReachableFromEachStage() {
        assertThat(StageMachine.allowedFrom(OPEN)).containsExactly(CONTACTED, NURTURING, QUALIFIED, NEGOTIATION,
                CUSTOMER, UNQUALIFIED);
        assertThat(StageMachine.allowedFrom(CONTACTED)).containsExactly(NURTURING, QUALIFIED, NEGOTIATION, CUSTOMER,
                UNQUALIFIED);
        assertThat(StageMachine.allowedFrom(NEGOTIATION)).containsExactly(CONTACTED, NURTURING, QUALIFIED, CUSTOMER,
                UNQUALIFIED);
        assertThat(StageMachine.allowedFrom(CUSTOMER)).containsExactly(INACTIVE);
        assertThat(StageMachine.allowedFrom(INACTIVE)).containsExactly(NURTURING, QUALIFIED);
        assertThat(StageMachine.allowedFrom(UNQUALIFIED)).containsExactly(OPEN, CONTACTED);
    }

    @Test
    void shouldUseTheConfiguredReasonLists() {
        StageMachine strict = new StageMachine(List.of("gone"), List.of(" fast "));
        assertThat(strict.check(OPEN, UNQUALIFIED, REP, "gone")).isEqualTo(Move.DISQUALIFY);
        assertThat(strict.check(OPEN, QUALIFIED, REP, "fast")).isEqualTo(Move.SKIP_AHEAD);
        refused(() -> strict.check(OPEN, UNQUALIFIED, REP, "no-budget"), 400, "invalid-stage-move");
        assertThat(strict.reasonsFor(UNQUALIFIED)).containsExactly("gone");
        assertThat(strict.reasonsFor(QUALIFIED)).containsExactly("fast");
    }
}
