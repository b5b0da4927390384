package io.leadstream.capture.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.ProblemException;

class IdempotencyKeyScopeTest {

    private static JsonWebToken token(String azp, String sub, String name) {
        Map<String, Object> claims = azp == null ? Map.of("sub", sub) : Map.of("azp", azp, "sub", sub);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String claim) {
                return (T) claims.get(claim);
            }
        };
    }

    @Test
    void shouldScopeKeysByClientAndSubject() {
        IdempotencyKey crm = IdempotencyKey.parse(token("crm-app", "u-1", "service-account-crm-app"), "k1");
        IdempotencyKey forms = IdempotencyKey.parse(token("forms-app", "u-1", "service-account-crm-app"), "k1");
        IdempotencyKey otherUser = IdempotencyKey.parse(token("crm-app", "u-2", "rep2"), "k1");

        assertThat(crm.scope()).isEqualTo("client:crm-app user:u-1");
        assertThat(forms.scope()).isNotEqualTo(crm.scope());
        assertThat(otherUser.scope()).isNotEqualTo(crm.scope());
        assertThat(crm.value()).isEqualTo("k1");
    }

    @Test
    void shouldFallBackToThePrincipalNameWithoutAToken() {
        Principal plain = () -> "crm-app";
        assertThat(IdempotencyKey.parse(plain, "k1").scope()).isEqualTo("user:crm-app");
        assertThat(IdempotencyKey.parse(token(null, "u-1", "rep1"), "k1").scope()).isEqualTo("user:u-1");
    }

    @Test
    void shouldAcceptOneTo255VisibleAsciiCharacters() {
        Principal plain = () -> "crm-app";
        assertThat(IdempotencyKey.parse(plain, null)).isNull();
        assertThat(IdempotencyKey.parse(plain, "a")).isNotNull();
        assertThat(IdempotencyKey.parse(plain, "!~" + "x".repeat(253))).isNotNull();
        for (String malformed : new String[] { "", "x".repeat(256), "a b", "tab\t", "clé", "line\n" }) {
            assertThatThrownBy(() -> IdempotencyKey.parse(plain, malformed))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(400);
                        assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("Idempotency-Key");
                    });
        }
    }
}
