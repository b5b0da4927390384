package io.leadstream.capture.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;

class ColumnsTest {

    /** Shapes the lead request is getting (nested records, lists, maps), so the paths are tested before they exist. */
    record Address(String street, String city, String country) {
    }

    record Social(String network, String handle) {
    }

    record Qualifiers(List<String> products, String segment, Map<String, String> custom) {
    }

    record Nested(String firstName, Address address, Qualifiers qualifiers, List<Social> socialAccounts,
            LocalDate birthDate) {
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void shouldMatchTheLeadFieldsCaseInsensitively() {
        Columns columns = Columns.of(List.of("FIRSTNAME", " lastname ", "Email"), LeadSubmission.class, mapper);
        assertThat(columns.toJson(List.of("Ada", "Lovelace", "ada@example.com")).toString())
                .isEqualTo("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}");
    }

    @Test
    void shouldLeaveBlankCellsOut() {
        Columns columns = Columns.of(List.of("firstName", "email", "phone"), LeadSubmission.class, mapper);
        assertThat(columns.toJson(List.of("Ada", "", "  ")).toString()).isEqualTo("{\"firstName\":\"Ada\"}");
    }

    @Test
    void shouldRefuseUnknownEmptyAndRepeatedColumnsListingEach() {
        assertThatThrownBy(() -> Columns.of(List.of("firstName", "score", "", "FirstName", "owner"),
                LeadSubmission.class, mapper))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().type()).endsWith("/import-header");
                    assertThat(e.problem().errors()).extracting(Problem.FieldError::field)
                            .containsExactly("score", "column 3", "FirstName", "owner");
                    assertThat(e.problem().errors().get(0).message()).contains("firstName").contains("source");
                    assertThat(e.problem().errors().get(2).message()).isEqualTo("appears twice");
                });
    }

    @Test
    void shouldFillNestedFieldsFromDottedColumnsListsFromSemicolonsAndMapsFromKeys() throws Exception {
        Columns columns = Columns.of(List.of("firstName", "Address.City", "address.country", "qualifiers.products",
                "qualifiers.custom.Budget", "socialAccounts", "birthDate"), Nested.class, mapper);
        String json = columns.toJson(List.of("Ada", "London", "GB", "Solar; Heat pumps;", "12000",
                "[{\"network\":\"x\",\"handle\":\"@ada\"}]", "1815-12-10")).toString();
        assertThat(json).isEqualTo("{\"firstName\":\"Ada\",\"address\":{\"city\":\"London\",\"country\":\"GB\"},"
                + "\"qualifiers\":{\"products\":[\"Solar\",\"Heat pumps\"],\"custom\":{\"Budget\":\"12000\"}},"
                + "\"socialAccounts\":[{\"network\":\"x\",\"handle\":\"@ada\"}],\"birthDate\":\"1815-12-10\"}");
        Nested nested = mapper.readValue(json, Nested.class);
        assertThat(nested.qualifiers().products()).containsExactly("Solar", "Heat pumps");
        assertThat(nested.birthDate()).isEqualTo(LocalDate.of(1815, 12, 10));
    }

    @Test
    void shouldTakeAListCellStartingWithABracketAsJson() {
        Columns columns = Columns.of(List.of("qualifiers.products"), Nested.class, mapper);
        assertThat(columns.toJson(List.of("[\"a;b\",\"c\"]")).toString())
                .isEqualTo("{\"qualifiers\":{\"products\":[\"a;b\",\"c\"]}}");
    }

    @Test
    void shouldRefuseAColumnForAWholeObjectOrOverlappingAnother() {
        assertThatThrownBy(() -> Columns.of(List.of("address"), Nested.class, mapper))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors().get(0).message())
                        .contains("address.city").contains("qualifiers.custom.<key>"));
        assertThatThrownBy(() -> Columns.of(Arrays.asList("qualifiers.custom", "qualifiers.custom.budget"),
                Nested.class, mapper))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(Problem.FieldError::message).containsExactly("overlaps the column qualifiers.custom"));
    }
}
