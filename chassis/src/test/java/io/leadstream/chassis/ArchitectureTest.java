package io.leadstream.chassis;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void shouldImportNoService() {
        ArchitectureRules.assertChassisShape();
    }
}
