package io.leadstream.capture.forms;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A web form an admin configured: which origins may post it, how its fields become a lead, where the browser
 * goes next, its quota and its double opt-in. Configuration only, no personal data.
 */
@Entity
@Table(name = "web_form")
public class WebForm extends PanacheEntityBase {

    @Id
    public String key;
    public String name;
    /** exact origins ({@code https://www.example.com}, default ports left out) allowed to post it */
    public String[] allowedOrigins;
    /** form field name → lead field path ({@code your_email → email}, {@code utm_source → utm.source}) */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> fieldMapping;
    public String redirectUrl;
    public boolean doubleOptIn;
    public String consentPurpose;
    public String consentTextVersion;
    public String consentField;
    public String confirmedRedirectUrl;
    public int formPermits;
    public int formWindowSeconds;
    public int clientPermits;
    public int clientWindowSeconds;
    public String honeypotField;
    public String source;
    public boolean active;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    public String updatedBy;

    /** The form, or a 404 problem when there is none with this key. */
    public static Uni<WebForm> findExisting(String key) {
        return WebForm.<WebForm>findById(key).onItem().ifNull().failWith(() -> ProblemException.notFound("form", key));
    }

    public boolean allows(String origin) {
        return origin != null && Arrays.asList(allowedOrigins).contains(origin);
    }

    public boolean asksForConsent() {
        return consentPurpose != null;
    }
}
