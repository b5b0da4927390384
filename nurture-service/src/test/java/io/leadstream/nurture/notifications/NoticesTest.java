package io.leadstream.nurture.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.nurture.stages.LeadAssignedEvent;
import io.leadstream.nurture.stages.LeadClaimedEvent;
import io.leadstream.nurture.stages.LeadReassignedEvent;
import io.leadstream.nurture.stages.SlaBreachedEvent;

/** Who is told what about each of distribution's events, and what the email says (and does not). */
class NoticesTest {

    static final UUID LEAD = UUID.fromString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
    static final Instant AT = Instant.parse("2026-11-23T10:10:21Z");

    private static SlaBreachedEvent breach(String step, String managerId, String reassignedTo) {
        return new SlaBreachedEvent(LEAD, "rep1", "FIRST_TOUCH", step, managerId, reassignedTo, AT);
    }

    @Test
    void shouldTellTheRepALeadWasAssignedToThem() {
        assertThat(Notices.of(new LeadAssignedEvent(LEAD, "rep1", "ROUND_ROBIN", "rule", 70, "B", AT)))
                .containsExactly(new Notice(LEAD, "rep1", NoticeKind.ASSIGNED, AT, null, null));
    }

    @Test
    void shouldTellNobodyOfAClaimBecauseTheRepClaimedItThemselves() {
        assertThat(Notices.of(new LeadClaimedEvent(LEAD, "rep1", "inbound", 70, "B", AT))).isEmpty();
    }

    @Test
    void shouldTellTheNewRepOfAReassignmentNamingWhoHadItBefore() {
        assertThat(Notices.of(new LeadReassignedEvent(LEAD, "rep2", "rep1", "MANUAL", "MANUAL", "on leave", AT)))
                .containsExactly(new Notice(LEAD, "rep2", NoticeKind.REASSIGNED, AT, "rep1", null));
    }

    @Test
    void shouldTellNobodyOfAReassignmentToTheSameRep() {
        assertThat(Notices.of(new LeadReassignedEvent(LEAD, "rep1", "rep1", "MANUAL", "MANUAL", null, AT))).isEmpty();
    }

    @Test
    void shouldTellTheRepOnASlaReminder() {
        assertThat(Notices.of(breach("REMIND", "manager", null)))
                .containsExactly(new Notice(LEAD, "rep1", NoticeKind.SLA_MISSED, AT, null, "FIRST_TOUCH"));
    }

    @Test
    void shouldTellTheRepAndTheManagerOnAnEscalation() {
        assertThat(Notices.of(breach("ESCALATE", "manager", null))).containsExactly(
                new Notice(LEAD, "rep1", NoticeKind.SLA_ESCALATED, AT, "manager", "FIRST_TOUCH"),
                new Notice(LEAD, "manager", NoticeKind.SLA_ESCALATED_TO_MANAGER, AT, "rep1", "FIRST_TOUCH"));
    }

    @Test
    void shouldTellOnlyTheRepOnAnEscalationWithoutAManager() {
        assertThat(Notices.of(breach("ESCALATE", null, null)))
                .containsExactly(new Notice(LEAD, "rep1", NoticeKind.SLA_ESCALATED, AT, null, "FIRST_TOUCH"));
    }

    @Test
    void shouldTellTheOldRepTheLeadWasTakenAwayOnAnSlaReassignment() {
        // the new rep is told by the lead.reassigned that follows
        assertThat(Notices.of(breach("REASSIGN", "manager", "rep2")))
                .containsExactly(new Notice(LEAD, "rep1", NoticeKind.SLA_TAKEN_AWAY, AT, "rep2", "FIRST_TOUCH"));
    }

    @Test
    void shouldTellTheRepTheLeadStaysWhenNobodyElseCouldTakeIt() {
        assertThat(Notices.of(breach("REASSIGN", "manager", null)))
                .containsExactly(new Notice(LEAD, "rep1", NoticeKind.SLA_NOT_REASSIGNED, AT, null, "FIRST_TOUCH"));
    }

    @Test
    void shouldTellNobodyOfAnUnknownStepOrAnEventWithoutLeadOrRep() {
        assertThat(Notices.of(breach("PAGE_THE_CEO", "manager", null))).isEmpty();
        assertThat(Notices.of(new SlaBreachedEvent(LEAD, null, "FIRST_TOUCH", "REMIND", null, null, AT))).isEmpty();
        assertThat(Notices.of(new LeadAssignedEvent(null, "rep1", "ROUND_ROBIN", null, null, null, AT))).isEmpty();
        assertThat(Notices.of(new LeadAssignedEvent(LEAD, " ", "ROUND_ROBIN", null, null, null, AT))).isEmpty();
    }

    @Test
    void shouldWriteEveryMailWithTheLeadIdWhatAndWhenButNoLink() {
        List<Notice> all = List.of(
                new Notice(LEAD, "rep1", NoticeKind.ASSIGNED, AT, null, null),
                new Notice(LEAD, "rep2", NoticeKind.REASSIGNED, AT, "rep1", null),
                new Notice(LEAD, "rep1", NoticeKind.SLA_MISSED, AT, null, "FIRST_TOUCH"),
                new Notice(LEAD, "rep1", NoticeKind.SLA_ESCALATED, AT, "manager", "NEXT_TOUCH"),
                new Notice(LEAD, "manager", NoticeKind.SLA_ESCALATED_TO_MANAGER, AT, "rep1", "FIRST_TOUCH"),
                new Notice(LEAD, "rep1", NoticeKind.SLA_TAKEN_AWAY, AT, "rep2", "FIRST_TOUCH"),
                new Notice(LEAD, "rep1", NoticeKind.SLA_NOT_REASSIGNED, AT, null, "FIRST_TOUCH"));
        assertThat(all.stream().map(Notice::kind)).containsExactlyInAnyOrder(NoticeKind.values());
        for (Notice n : all) {
            NoticeMail mail = NoticeMail.of(n);
            assertThat(mail.subject()).as(n.kind().name()).contains(LEAD.toString()).doesNotContain("\n");
            assertThat(mail.text()).as(n.kind().name()).contains(LEAD.toString()).contains("2026-11-23 10:10 UTC")
                    .doesNotContain("http", "www.", "null");
        }
        assertThat(NoticeMail.of(all.get(1)).text()).contains("rep1 had it before");
        assertThat(NoticeMail.of(all.get(2)).subject()).contains("first-touch target missed");
        assertThat(NoticeMail.of(all.get(3)).text()).contains("next-touch").contains("to your manager manager");
        assertThat(NoticeMail.of(all.get(4)).subject()).contains("rep1 missed the first-touch target");
        assertThat(NoticeMail.of(all.get(5)).text()).contains("taken from you and reassigned to rep2");
        assertThat(NoticeMail.of(all.get(6)).text()).contains("stays with you");
    }
}
