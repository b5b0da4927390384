package io.leadstream.capture.intake;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.sql.TransactionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * A new lead's row, written on capture's hot path as one prepared insert on the capture transaction's connection
 * ({@link TransactionSql}) instead of a Hibernate {@code persist()}: P7 in docs/benchmarks.md (Hibernate's persist and
 * flush took twice as long). Every column Hibernate would insert for a {@link Lead} is written (its insertable
 * fields, nulls too); {@code LeadRowRepositoryTest} reads a lead with every field set back through Hibernate, so a
 * field added to {@link Lead} and not here fails it. The lead is not in the Hibernate session afterwards: a change to
 * it is an update of its own (none is made in the capture transaction).
 */
@ApplicationScoped
public class LeadRowRepository {

    static final String INSERT = "insert into lead (id, first_name, last_name, email, phone, company, job_title, "
            + "street, city, postal_code, region, country, language, time_zone, products, segment, tags, deal_amount, "
            + "deal_currency, custom_qualifiers, social_accounts, birth_date, source, campaign, utm, referrer, notes, "
            + "partner_id, form_key, captured_by, created_at, updated_at, erased_at) values ($1, $2, $3, $4, $5, $6, "
            + "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, "
            + "$28, $29, $30, $31, $32, $33)";

    /** Inserts {@code lead} in the caller's transaction. */
    public Uni<Void> insert(Lead l) {
        return TransactionSql.update(INSERT, l.id, l.firstName, l.lastName, l.email, l.phone, l.company, l.jobTitle,
                l.street, l.city, l.postalCode, l.region, l.country, l.language, l.timeZone, l.products, l.segment,
                l.tags, l.dealAmount, l.dealCurrency, json(l.customQualifiers), json(l.socialAccounts), l.birthDate,
                l.source, l.campaign, json(l.utm), l.referrer, l.notes, l.partnerId, l.formKey, l.capturedBy,
                l.createdAt, l.updatedAt, l.erasedAt).replaceWithVoid();
    }

    /** A JSON object column (never null: an empty map is {@code {}}). */
    private static JsonObject json(Map<String, ?> map) {
        JsonObject json = new JsonObject();
        if (map != null) {
            map.forEach(json::put);
        }
        return json;
    }
}
