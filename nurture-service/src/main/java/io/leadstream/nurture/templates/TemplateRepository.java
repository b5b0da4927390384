package io.leadstream.nurture.templates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The queries of {@code message_template}; the Panache ones run in the caller's session (and transaction). */
@ApplicationScoped
public class TemplateRepository implements PanacheRepositoryBase<MessageTemplate, UUID> {

    /** What to list: null for any. */
    public record Filter(String key, Channel channel, String language) {
    }

    private final Pool pool;

    public TemplateRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} templates matching {@code filter}, by key, channel and language, after {@code after}. */
    public Uni<List<MessageTemplate>> page(Filter filter, TemplateCursor after, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.key() != null) {
            where.add("templateKey = :key");
            parameters.and("key", filter.key());
        }
        if (filter.channel() != null) {
            where.add("channel = :channel");
            parameters.and("channel", filter.channel());
        }
        if (filter.language() != null) {
            where.add("language = :language");
            parameters.and("language", filter.language());
        }
        if (after != null) {
            where.add("(templateKey > :afterKey or (templateKey = :afterKey and (channel > :afterChannel "
                    + "or (channel = :afterChannel and language > :afterLanguage))))");
            parameters.and("afterKey", after.key()).and("afterChannel", after.channel())
                    .and("afterLanguage", after.language());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ")
                + "order by templateKey, channel, language";
        return find(query, parameters).range(0, limit - 1).list();
    }

    /** The template of this key, channel and language, or null. */
    public Uni<MessageTemplate> byIdentity(String key, Channel channel, String language) {
        return find("templateKey = ?1 and channel = ?2 and language = ?3", key, channel, language).firstResult();
    }

    /** The templates of this key and channel in any of {@code languages}. */
    public Uni<List<MessageTemplate>> inLanguages(String key, Channel channel, List<String> languages) {
        return list("templateKey = ?1 and channel = ?2 and language in ?3", key, channel, languages);
    }

    /**
     * Inserts each template whose key, channel and language are absent, and leaves the present ones as they are (an
     * admin's edit stays); safe when several replicas start at once. Answers how many were inserted. Its own
     * connection and transaction, outside any session.
     */
    public Uni<Integer> insertAbsent(List<MessageTemplate> templates) {
        if (templates.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = templates.stream().map(t -> Tuple.from(Arrays.<Object>asList(t.id, t.templateKey,
                t.channel.name(), t.language, t.name, t.subject, t.body, t.version,
                utc(t.createdAt), t.createdBy, utc(t.updatedAt), t.updatedBy))).toList();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                insert into message_template (id, template_key, channel, language, name, subject, body, version,
                                              created_at, created_by, updated_at, updated_by)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                on conflict (template_key, channel, language) do nothing""")
                .executeBatch(rows)
                .map(result -> {
                    int inserted = 0;
                    for (var r = result; r != null; r = r.next()) {
                        inserted += r.rowCount();
                    }
                    return inserted;
                }));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
