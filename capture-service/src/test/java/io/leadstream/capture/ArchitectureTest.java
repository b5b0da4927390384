package io.leadstream.capture;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void shouldKeepTheServiceShape() {
        ArchitectureRules.assertServiceShape("capture");
    }
}
