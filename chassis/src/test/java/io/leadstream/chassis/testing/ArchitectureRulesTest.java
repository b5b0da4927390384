package io.leadstream.chassis.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** The architecture rules themselves, on fixtures (chassis/src/test/java/io/leadstream/chassis/archfixture). */
class ArchitectureRulesTest {

    static final String FIXTURES = "io.leadstream.chassis.archfixture";

    @Test
    void shouldPassAFeatureWithItsHttpAtTheEdgeAndItsSqlInARepository() {
        String root = FIXTURES + ".good";
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThatCode(() -> ArchitectureRules.assertAll(classes, ArchitectureRules.serviceRules(root,
                List.of(FIXTURES + ".bad")))).doesNotThrowAnyException();
    }

    @Test
    void shouldNameEveryBrokenRule() {
        String root = FIXTURES + ".bad";
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThatThrownBy(() -> ArchitectureRules.assertAll(classes, ArchitectureRules.serviceRules(root,
                List.of(FIXTURES + ".good"))))
                .hasMessageContaining("a service never imports another service's code")
                .hasMessageContaining("HTTP lives at the edge")
                .hasMessageContaining("status codes, Location URLs, responses and problem mappers belong to the REST edge")
                .hasMessageContaining("resources sit in their feature's rest package")
                .hasMessageContaining("request and response records are the REST edge's")
                .hasMessageContaining("SQL lives in repositories")
                .hasMessageContaining("reached through the chassis' TransactionSql only")
                .hasMessageContaining("feature packages depend on each other one way only");
    }
}
