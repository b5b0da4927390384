package io.leadstream.chassis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CloudEventsTest {

    @Test
    void shouldNameTypesAfterTheEventAndVersion() {
        assertThat(CloudEvents.type("lead.captured", 1)).isEqualTo("leadstream.lead.captured.v1");
        assertThat(CloudEvents.type("follow-up.completed", 2)).isEqualTo("leadstream.follow-up.completed.v2");
    }

    @Test
    void shouldReadTheEventNameBackFromTheType() {
        assertThat(CloudEvents.eventName("leadstream.lead.stage-changed.v1")).isEqualTo("lead.stage-changed");
        assertThat(CloudEvents.eventName("other.thing")).isEqualTo("other.thing");
    }

    @Test
    void shouldRejectMalformedNames() {
        assertThatThrownBy(() -> CloudEvents.type("LeadCaptured", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEvents.type("lead.captured", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
