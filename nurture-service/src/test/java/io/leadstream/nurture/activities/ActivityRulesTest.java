package io.leadstream.nurture.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

class ActivityRulesTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static LogActivity call(Integer duration, String outcome) {
        return new LogActivity("CALL", "OUTBOUND", duration, outcome, null, null, null, null, null);
    }

    private static java.util.List<String> fieldsOf(LogActivity request) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ActivityRules.check(request, NOW));
        assertThat(e).as("a 400 problem").isNotNull();
        assertThat(e.problem().status()).isEqualTo(400);
        return e.problem().errors().stream().map(FieldError::field).toList();
    }

    @Test
    void shouldAcceptACallAndDefaultOccurredAtToNow() {
        ActivityRules.Checked checked = ActivityRules.check(call(420, "answered"), NOW);
        assertThat(checked.kind()).isEqualTo(ActivityKind.CALL);
        assertThat(checked.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(checked.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void shouldRequireAKnownKind() {
        assertThat(fieldsOf(new LogActivity(null, null, null, null, null, null, null, null, null))).containsExactly("kind");
        assertThat(fieldsOf(new LogActivity("FAX", null, null, null, null, null, null, null, null))).containsExactly("kind");
    }

    @Test
    void shouldBoundDurationAndOutcome() {
        assertThat(fieldsOf(call(-1, "answered"))).containsExactly("durationSeconds");
        assertThat(fieldsOf(call(ActivityRules.MAX_DURATION_SECONDS + 1, null))).containsExactly("durationSeconds");
        assertThat(fieldsOf(call(10, "No Answer"))).containsExactly("outcome");
        assertThat(fieldsOf(call(10, "a".repeat(41)))).containsExactly("outcome");
    }

    @Test
    void shouldRequireADirectionForCallsAndMessagesOnly() {
        assertThat(fieldsOf(new LogActivity("SMS", null, null, null, null, null, null, null, null)))
                .containsExactly("direction");
        assertThat(fieldsOf(new LogActivity("SMS", "SIDEWAYS", null, null, null, null, null, null, null)))
                .containsExactly("direction");
        assertThat(fieldsOf(new LogActivity("MEETING", "INBOUND", 1800, "held", null, null, null, null, null)))
                .containsExactly("direction");
    }

    @Test
    void shouldRefuseFieldsThatDoNotBelongToTheKind() {
        assertThat(fieldsOf(new LogActivity("NOTE", null, 10, "held", "subject", "text", null, null, null)))
                .containsExactlyInAnyOrder("durationSeconds", "outcome", "subject");
        assertThat(fieldsOf(new LogActivity("CALL", "INBOUND", null, null, null, "what was said", null, null,
                UUID.randomUUID()))).containsExactlyInAnyOrder("text", "replyToMessageId");
    }

    @Test
    void shouldRequireANoteText() {
        assertThat(fieldsOf(new LogActivity("NOTE", null, null, null, null, null, null, null, null))).containsExactly("text");
        assertThat(fieldsOf(new LogActivity("NOTE", null, null, null, null, " ", null, null, null))).containsExactly("text");
        assertThat(fieldsOf(new LogActivity("NOTE", null, null, null, null, "x".repeat(10_001), null, null, null)))
                .containsExactly("text");
    }

    @Test
    void shouldNameEveryOffendingDocumentField() {
        DocumentMetadata bad = new DocumentMetadata("", "pdf", -1L, "abc");
        assertThat(fieldsOf(new LogActivity("DOCUMENT", null, null, null, null, null, bad, null, null)))
                .containsExactlyInAnyOrder("document.fileName", "document.mediaType", "document.sizeBytes",
                        "document.sha256");
        assertThat(fieldsOf(new LogActivity("DOCUMENT", null, null, null, null, null, null, null, null)))
                .containsExactly("document");
    }

    @Test
    void shouldAcceptADocumentAndLowerCaseItsChecksum() {
        DocumentMetadata doc = new DocumentMetadata("offer.pdf", "Application/PDF", 48213L, SHA.toUpperCase());
        ActivityRules.Checked checked = ActivityRules.check(
                new LogActivity("DOCUMENT", null, null, null, null, null, doc, null, null), NOW);
        assertThat(checked.document().sha256()).isEqualTo(SHA);
        assertThat(checked.document().mediaType()).isEqualTo("application/pdf");
    }

    @Test
    void shouldRefuseAnOccurredAtMoreThanAMinuteAhead() {
        LogActivity ahead = new LogActivity("NOTE", null, null, null, null, "hi", null, NOW.plusSeconds(61), null);
        assertThat(fieldsOf(ahead)).containsExactly("occurredAt");
        LogActivity justAhead = new LogActivity("NOTE", null, null, null, null, "hi", null, NOW.plusSeconds(59), null);
        assertThat(ActivityRules.check(justAhead, NOW).occurredAt()).isEqualTo(NOW.plusSeconds(59));
    }

    @Test
    void shouldLetAnInboundMessageAnswerASentOne() {
        UUID messageId = UUID.randomUUID();
        ActivityRules.Checked checked = ActivityRules.check(new LogActivity("WHATSAPP", "INBOUND", null, null, null,
                "yes please", null, null, messageId), NOW);
        assertThat(checked.replyToMessageId()).isEqualTo(messageId);
        assertThat(fieldsOf(new LogActivity("EMAIL", "OUTBOUND", null, null, "Hi", null, null, null, messageId)))
                .containsExactly("replyToMessageId");
    }
}
