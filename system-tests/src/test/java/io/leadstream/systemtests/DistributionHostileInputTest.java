package io.leadstream.systemtests;

import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input (S7) against distribution-service: every operation of docs/api/distribution-service.yaml (see
 * {@link HostileInput}) answers generated input without a 5xx, as the document says, errors as problem+json. Ids in
 * paths are random: no real lead is reassigned or claimed, no real share accepted.
 */
class DistributionHostileInputTest {

    static final List<HostileInput.Operation> OPERATIONS = HostileInput.operations("distribution", Map.of(),
            // global: the assignment rules and SLAs route every lead of the other system tests; a new rep on duty
            // would take leads they expect for rep1-rep3 (a PUT creates the rep it names)
            Set.of("PUT /api/assignment/rules", "PUT /api/sla", "PUT /api/reps/{repId}"));

    @Property
    void shouldAnswerHostileInputWithoutAServerErrorAndAsDocumented(@ForAll("calls") HostileInput.Call call) {
        HostileInput.check(call);
    }

    @Provide
    Arbitrary<HostileInput.Call> calls() {
        return HostileInput.calls(Suite.DISTRIBUTION, OPERATIONS, Map.of());
    }
}
