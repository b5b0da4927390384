package io.leadstream.systemtests;

import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input (S7) against insights-service: every read of docs/api/insights-service.yaml (see
 * {@link HostileInput}) answers generated query parameters without a 5xx, as the document says, errors as
 * problem+json.
 */
class InsightsHostileInputTest {

    static final List<HostileInput.Operation> OPERATIONS = HostileInput.operations("insights",
            // no body or parameter to be hostile with; it rebuilds every view from the topics (RoleTableTest)
            Map.of("POST /api/insights/rebuild", "starts a rebuild; the insights service tests"), Set.of());

    @Property
    void shouldAnswerHostileInputWithoutAServerErrorAndAsDocumented(@ForAll("calls") HostileInput.Call call) {
        HostileInput.check(call);
    }

    @Provide
    Arbitrary<HostileInput.Call> calls() {
        return HostileInput.calls(Suite.INSIGHTS, OPERATIONS, Map.of());
    }
}
