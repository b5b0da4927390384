package io.leadstream.nurture.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConsentDecisionTest {

    private static ConsentState entry(String purpose, String status) {
        ConsentState e = new ConsentState();
        e.purpose = purpose;
        e.channel = "email";
        e.status = status;
        return e;
    }

    @Test
    void shouldFollowThePurposesOwnEntry() {
        assertThat(ConsentDecision.of(List.of(entry("marketing", "GRANTED")), "marketing"))
                .isEqualTo(ConsentDecision.GRANTED);
        assertThat(ConsentDecision.of(List.of(entry("marketing", "WITHDRAWN")), "marketing"))
                .isEqualTo(ConsentDecision.WITHDRAWN);
        assertThat(ConsentDecision.of(List.of(), "marketing")).isEqualTo(ConsentDecision.NEVER_GIVEN);
        assertThat(ConsentDecision.of(List.of(entry("newsletter", "GRANTED")), "marketing"))
                .isEqualTo(ConsentDecision.NEVER_GIVEN);
    }

    @Test
    void shouldTreatAWithdrawalForAllAsDoNotContactOverEveryGrant() {
        assertThat(ConsentDecision.of(List.of(entry("marketing", "GRANTED"), entry("all", "WITHDRAWN")), "marketing"))
                .isEqualTo(ConsentDecision.DO_NOT_CONTACT);
        assertThat(ConsentDecision.DO_NOT_CONTACT.allows()).isFalse();
    }

    @Test
    void shouldLetAGrantForAllCoverAPurposeWithoutAnEntryOfItsOwn() {
        assertThat(ConsentDecision.of(List.of(entry("all", "GRANTED")), "marketing")).isEqualTo(ConsentDecision.GRANTED);
        assertThat(ConsentDecision.of(List.of(entry("all", "GRANTED"), entry("marketing", "WITHDRAWN")), "marketing"))
                .isEqualTo(ConsentDecision.WITHDRAWN);
    }
}
