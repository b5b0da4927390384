package io.leadstream.chassis.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.support.TestItem;
import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class TransactionSqlTest {

    static final String INSERT = "insert into test_item (id, name) values ($1, $2)";

    @Inject
    Pool pool;

    @Test
    void shouldRunOnTheConnectionOfTheHibernateTransaction() throws Throwable {
        UUID id = UUID.randomUUID();

        // Hibernate, in the same transaction, sees the uncommitted row: the statement ran on its connection
        TestItem seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> TransactionSql.update(INSERT, id, "written by a prepared insert")
                        .chain(rows -> {
                            assertThat(rows).isEqualTo(1);
                            return TestItem.<TestItem>findById(id);
                        })));

        assertThat(seen).isNotNull();
        assertThat(seen.name).isEqualTo("written by a prepared insert");
        assertThat(names(id)).containsExactly("written by a prepared insert");
    }

    @Test
    void shouldRollBackWithTheTransaction() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> TransactionSql.update(INSERT, id, "rolled back")
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("failing after the insert"))))))
                .hasMessageContaining("failing after the insert");

        assertThat(names(id)).isEmpty();
    }

    @Test
    void shouldWriteWhatHibernateHoldsBeforeTheStatementOnlyWhenFlushed() throws Throwable {
        UUID id = UUID.randomUUID();
        String rename = "update test_item set name = $2 where id = $1";

        // persisted, not flushed: the statement does not see the row; flushed, it does
        int[] changed = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            TestItem item = new TestItem();
            item.id = id;
            item.name = "persisted";
            return item.persist()
                    .chain(() -> TransactionSql.update(rename, id, "renamed before the flush"))
                    .chain(before -> TransactionSql.flushed()
                            .chain(() -> TransactionSql.update(rename, id, "renamed after the flush"))
                            .map(after -> new int[] { before, after }));
        }));

        assertThat(changed).containsExactly(0, 1);
        assertThat(names(id)).containsExactly("renamed after the flush");
    }

    @Test
    void shouldSendInstantsAsTimestampsWithTimeZone() throws Throwable {
        Instant at = Instant.parse("2026-12-05T10:15:30.123456Z");

        OffsetDateTime stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> TransactionSql.execute("create temporary table instant_probe (at timestamptz) on commit drop")
                        .chain(() -> TransactionSql.update("insert into instant_probe (at) values ($1)", at))
                        .chain(() -> Panache.getSession())
                        .chain(session -> session.createNativeQuery("select at from instant_probe", OffsetDateTime.class)
                                .getSingleResult())));

        assertThat(stored.toInstant()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void shouldRefuseToRunOutsideATransaction() {
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> TransactionSql.update(INSERT, UUID.randomUUID(), "no transaction"))))
                .hasMessageContaining("inside the caller's transaction");
    }

    private List<String> names(UUID id) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("select name from test_item where id = $1")
                    .execute(Tuple.of(id)).map(rows -> {
                        List<String> names = new ArrayList<>();
                        rows.forEach(row -> names.add(row.getString(0)));
                        return names;
                    }));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
