package io.leadstream.chassis.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The rules of conventions.md ("Inside a service"), checked on a module's main classes. Each module has one test:
 *
 * <pre>
 * &#64;Test
 * void shouldKeepTheServiceShape() {
 *     ArchitectureRules.assertServiceShape("scoring");
 * }
 * </pre>
 *
 * A service ({@code io.leadstream.<service>}) is cut into feature packages; a feature's HTTP edge (its JAX-RS
 * resources, their request/response records and anything else speaking HTTP) lives in the feature's {@code rest}
 * sub-package, and nothing outside a {@code rest} package imports it. SQL and query strings live in repositories
 * ({@code *Repository} classes, or the {@code @Entity} itself for Panache's active-record finders). No package
 * cycles. A service imports no other service; the chassis imports none.
 */
public final class ArchitectureRules {

    public static final String ROOT = "io.leadstream";
    public static final List<String> SERVICES = List.of("capture", "scoring", "distribution", "nurture", "insights");

    /** Panache's query methods that take a query string (find("email = ?1", ...)); findById and friends take none. */
    static final Set<String> QUERY_METHODS = Set.of("find", "list", "stream", "count", "delete", "update", "exists");

    /** Hibernate Reactive's implementation and connection SPI, which only the chassis' TransactionSql touches. */
    static final String[] HIBERNATE_INTERNALS = { "org.hibernate.reactive.pool..", "org.hibernate.reactive.mutiny.impl.." };

    private ArchitectureRules() {
    }

    /** Checks the service whose root package is {@code io.leadstream.<service>}; fails listing every violation. */
    public static void assertServiceShape(String service) {
        String root = ROOT + "." + service;
        JavaClasses classes = importMain(root);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes under " + root + " on the classpath");
        }
        assertAll(classes, serviceRules(root, SERVICES.stream().filter(s -> !s.equals(service))
                .map(s -> ROOT + "." + s).toList()));
    }

    /** The rules for the service rooted at package {@code root}, which must not import {@code others}. */
    static List<ArchRule> serviceRules(String root, List<String> others) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses().should().dependOnClassesThat()
                .resideInAnyPackage(others.stream().map(o -> o + "..").toArray(String[]::new))
                .because("a service never imports another service's code (they talk through events and REST only)"));
        rules.add(noClasses().that().resideOutsideOfPackage("..rest..")
                .should().dependOnClassesThat().resideInAPackage(root + "..rest..")
                .because("HTTP lives at the edge: use cases take commands and return domain results, never a "
                        + "feature's request/response records or resources"));
        rules.add(noClasses().that().resideOutsideOfPackage("..rest..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.leadstream.chassis.problem.ProblemMappers")
                .because("status codes, Location URLs, responses and problem mappers belong to the REST edge"));
        rules.add(classes().that().areAnnotatedWith("jakarta.ws.rs.Path")
                .or().areAnnotatedWith("jakarta.ws.rs.ext.Provider")
                .should().resideInAPackage("..rest..")
                .because("resources sit in their feature's rest package"));
        rules.add(classes().that().haveSimpleNameEndingWith("Request")
                .or().haveSimpleNameEndingWith("View").or().haveSimpleNameEndingWith("Page")
                .should().resideInAPackage("..rest..")
                .because("request and response records are the REST edge's"));
        rules.add(noClasses().that(notARepository())
                .should().dependOnClassesThat().resideInAPackage("io.vertx.mutiny.sqlclient..")
                .orShould().dependOnClassesThat().resideInAPackage("io.vertx.sqlclient..")
                .orShould().dependOnClassesThat().resideInAPackage(ROOT + ".chassis.sql..")
                .orShould().callMethodWhere(createsAQuery())
                .orShould().callMethodWhere(panacheQuery())
                .because("SQL lives in repositories (*Repository, or an @Entity's own Panache finders)"));
        rules.add(noClasses().should().dependOnClassesThat().resideInAnyPackage(HIBERNATE_INTERNALS)
                .because("the transaction's own connection is reached through the chassis' TransactionSql only"));
        rules.add(slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("feature packages depend on each other one way only"));
        return rules;
    }

    /** The chassis is plumbing: it imports no service. */
    public static void assertChassisShape() {
        JavaClasses classes = importMain(ROOT + ".chassis");
        List<String> services = SERVICES.stream().map(s -> ROOT + "." + s + "..").toList();
        assertAll(classes, List.of(
                noClasses().should().dependOnClassesThat().resideInAnyPackage(services.toArray(String[]::new))
                        .because("the chassis imports no service"),
                noClasses().that().resideOutsideOfPackage(ROOT + ".chassis.sql..")
                        .should().dependOnClassesThat().resideInAnyPackage(HIBERNATE_INTERNALS)
                        .because("one class reaches into Hibernate Reactive's implementation: TransactionSql"),
                slices().matching(ROOT + ".chassis.(**)").should().beFreeOfCycles()));
    }

    private static JavaClasses importMain(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> notARepository() {
        return describe("are not repositories", c -> !c.getSimpleName().endsWith("Repository")
                && !c.isAnnotatedWith("jakarta.persistence.Entity")
                && !(c.getEnclosingClass().isPresent() && c.getEnclosingClass().get().getSimpleName().endsWith("Repository")));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaMethodCall> createsAQuery() {
        return describe("a Hibernate session's create...Query", call -> call.getTarget().getName().matches("create\\w*Query")
                && call.getTargetOwner().getName().startsWith("org.hibernate"));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaMethodCall> panacheQuery() {
        return describe("a Panache query with a query string", call -> QUERY_METHODS.contains(call.getTarget().getName())
                && call.getTargetOwner().isAssignableTo("io.quarkus.hibernate.reactive.panache.PanacheEntityBase")
                && !call.getTarget().getRawParameterTypes().isEmpty()
                && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(String.class));
    }

    static void assertAll(JavaClasses classes, List<ArchRule> rules) {
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }
}
