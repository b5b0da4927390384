package io.leadstream.capture.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * A lead with its contact data, qualifiers, additional info and source details (V1, V5, V6). Personal data lives
 * here and nowhere else in Leadstream. Lists are {@code text[]} columns, never JSON arrays; JSON columns hold
 * objects only (empty, never null).
 */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    public UUID id;
    public String firstName;
    public String lastName;
    public String email;
    public String phone;
    public String company;
    public String jobTitle;
    public String street;
    public String city;
    public String postalCode;
    public String region;
    public String country;
    /** ISO 639-1, lower-case */
    public String language;
    /** IANA id */
    public String timeZone;
    /** lower-case, unique, never null */
    public String[] products = new String[0];
    public String segment;
    /** lower-case, unique, never null */
    public String[] tags = new String[0];
    /** with {@link #dealCurrency}, both or neither */
    public BigDecimal dealAmount;
    /** ISO 4217 */
    public String dealCurrency;
    /** custom qualifier key → value of its type (strings, numbers, booleans, ISO dates as strings) */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> customQualifiers = Map.of();
    /** network → handle */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> socialAccounts = Map.of();
    public LocalDate birthDate;
    public String source;
    public String campaign;
    /** source, medium, campaign, term, content → value (only those given) */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> utm = Map.of();
    public String referrer;
    public String notes;
    /** the partner tenant that submitted it (token claim partner_id), or null */
    public String partnerId;
    /** the web form it was posted to, or null */
    public String formKey;
    /**
     * who captured it through the authenticated API (the caller's principal name: a rep's Keycloak username, an
     * integration's service account), or null for web forms, webhooks and partner submissions (V16)
     */
    public String capturedBy;
    public Instant createdAt;
    public Instant updatedAt;
    /** when its personal data was erased (DELETE /api/leads/{id}); the row stays as a tombstone */
    public Instant erasedAt;
    /**
     * The lead this one was merged into by a manager (then it is no longer searched or matched), or null. Written
     * only by the merge's own SQL, never by Hibernate, so an update of the lead can never reset it.
     */
    @Column(insertable = false, updatable = false)
    public UUID mergedInto;
    @Column(insertable = false, updatable = false)
    public Instant mergedAt;

    /** The lead, or a 404 problem when there is none with this id, or a 410 problem when it was erased. */
    public static Uni<Lead> findExisting(UUID id) {
        return Lead.<Lead>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("lead", id))
                .invoke(lead -> {
                    if (lead.erasedAt != null) {
                        throw erased(id);
                    }
                });
    }

    /** The oldest lead with this E.164 phone (as de-duplication would match it), or null. */
    public static Uni<Lead> oldestWithPhone(String phone) {
        return Lead.<Lead>find("phone = ?1", Sort.by("createdAt").and("id"), phone).firstResult();
    }

    /** The oldest lead with this normalised (lower-cased) email address, or null. */
    public static Uni<Lead> oldestWithEmail(String email) {
        return Lead.<Lead>find("email = ?1", Sort.by("createdAt").and("id"), email).firstResult();
    }

    /** 410: the lead existed and its personal data was erased. */
    public static ProblemException erased(UUID id) {
        return new ProblemException(410, "lead-erased", "Gone", "lead " + id + " was erased");
    }
}
