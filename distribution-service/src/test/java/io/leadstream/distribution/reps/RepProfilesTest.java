package io.leadstream.distribution.reps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.distribution.calendar.OutOfOffice;
import io.leadstream.distribution.calendar.TimeRange;
import io.leadstream.distribution.routing.RepProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** What routing reads of the reps ({@link Rep#profile()}, {@link Rep#activeProfiles()}, {@link Rep#profiles}). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RepProfilesTest {

    private static String newRepId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void put(String path, String body) {
        given().contentType("application/json").body(body).put(path).then().statusCode(201);
    }

    /** Runs {@code work} in a transaction of its own, as the assignment consumer's dispatcher would. */
    private static <T> T inTransaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldGiveRoutingEveryAttributeAsValues() {
        String teamId = newRepId("team");
        put("/api/teams/" + teamId, "{\"displayName\":\"Team\"}");
        String repId = newRepId("prof");
        put("/api/reps/" + repId, """
                {"displayName":"Profiled","teamId":"%s","products":["Solar"],"segments":["smb"],
                 "territories":["dach","FR"],"languages":["de"],"dailyCapacity":20,"maxOpenLeads":50,
                 "workingHours":{"timeZone":"Europe/Berlin","week":{
                   "MONDAY":[{"from":"13:30","to":"17:00"},{"from":"09:00","to":"12:30"}],
                   "SUNDAY":[{"from":"20:00","to":"24:00"}]}},
                 "outOfOffice":[{"from":"2026-12-24","to":"2027-01-02"}]}""".formatted(teamId));

        RepProfile profile = inTransaction(() -> Rep.profiles(List.of(repId))).get(0);

        assertThat(profile.repId()).isEqualTo(repId);
        assertThat(profile.teamId()).isEqualTo(teamId);
        assertThat(profile.active()).isTrue();
        assertThat(profile.products()).containsExactly("solar");
        assertThat(profile.segments()).containsExactly("smb");
        assertThat(profile.territories()).containsExactlyInAnyOrder("DACH", "FR");
        assertThat(profile.languages()).containsExactly("de");
        assertThat(profile.dailyCapacity()).isEqualTo(20);
        assertThat(profile.maxOpenLeads()).isEqualTo(50);
        assertThat(profile.workingHours().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(profile.workingHours().on(DayOfWeek.MONDAY)).containsExactly(
                new TimeRange(LocalTime.of(9, 0), LocalTime.of(12, 30)),
                new TimeRange(LocalTime.of(13, 30), LocalTime.of(17, 0)));
        assertThat(profile.workingHours().on(DayOfWeek.TUESDAY)).isEmpty();
        // 24:00 is the end of the day: the last minute of Sunday is worked, Monday 00:00 is not
        assertThat(profile.workingHours().isWorkingAt(Instant.parse("2026-11-22T22:59:30Z"))).isTrue();
        assertThat(profile.workingHours().isWorkingAt(Instant.parse("2026-11-22T23:00:00Z"))).isFalse();
        assertThat(profile.workingHours().isWorkingAt(Instant.parse("2026-11-23T08:00:00Z"))).isTrue(); // 09:00 CET
        assertThat(profile.outOfOffice()).containsExactly(
                new OutOfOffice(LocalDate.of(2026, 12, 24), LocalDate.of(2027, 1, 2)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldLeaveWhatIsNotSetOpen() {
        String repId = newRepId("open");
        put("/api/reps/" + repId, "{\"displayName\":\"Open\"}");

        RepProfile profile = inTransaction(() -> Rep.profiles(Set.of(repId))).get(0);

        assertThat(profile).isEqualTo(RepProfile.simple(repId, null));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldListTheActiveRepsProfilesSortedById() {
        String prefix = "act" + UUID.randomUUID().toString().substring(0, 6);
        put("/api/reps/" + prefix + "-b", "{\"displayName\":\"B\"}");
        put("/api/reps/" + prefix + "-a", "{\"displayName\":\"A\",\"languages\":[\"fr\"]}");
        put("/api/reps/" + prefix + "-c", "{\"displayName\":\"C\",\"active\":false}");

        List<RepProfile> active = inTransaction(Rep::activeProfiles);

        assertThat(active).allMatch(RepProfile::active);
        assertThat(active).extracting(RepProfile::repId).isSorted()
                .containsSubsequence(prefix + "-a", prefix + "-b").doesNotContain(prefix + "-c");
        assertThat(active).filteredOn(p -> p.repId().equals(prefix + "-a"))
                .extracting(RepProfile::languages).containsExactly(Set.of("fr"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldReadTheNamedRepsActiveOrNotSkippingUnknownIds() {
        String prefix = "named" + UUID.randomUUID().toString().substring(0, 6);
        put("/api/reps/" + prefix + "-b", "{\"displayName\":\"B\",\"active\":false}");
        put("/api/reps/" + prefix + "-a", "{\"displayName\":\"A\"}");

        List<RepProfile> named = inTransaction(() -> Rep.profiles(List.of(prefix + "-b", prefix + "-ghost",
                prefix + "-a", prefix + "-b")));

        assertThat(named).extracting(RepProfile::repId).containsExactly(prefix + "-a", prefix + "-b");
        assertThat(named).extracting(RepProfile::active).containsExactly(true, false);
        assertThat(inTransaction(() -> Rep.profiles(List.of()))).isEmpty();
    }
}
