package io.leadstream.chassis.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.chassis.support.ItemCreated;
import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.Repository;
import io.smallrye.mutiny.Uni;

/** The contract helper itself: it passes records that fit their schema and names what does not. */
class EventContractsTest {

    static final Path SCHEMAS = Repository.root().resolve("chassis/src/test/resources/events");

    @EventType("thing.noted")
    record Noted(String note, Instant at, List<String> tags) implements DomainEvent {
    }

    @EventType("item.created")
    record LeakyItem(String itemId, Integer n, String email) implements DomainEvent {
    }

    @EventType("thing.noted")
    record Unnoted(Instant at) implements DomainEvent {
    }

    @EventType("thing.noted")
    record NoteReader(String note) {
    }

    @EventType("thing.noted")
    record NoteMisreader(String note, int at) {
    }

    @EventType("thing.noted")
    record NoteSnoop(String note, String email) {
    }

    @Test
    void shouldPassAProducerRecordThatFitsItsSchemaAndItsSamples() {
        EventContracts.assertPublishes(ItemCreated.class, new ItemCreated("x", null), new ItemCreated(null, 4));
        EventContracts.assertPublishes(Noted.class, new Noted("ok", Instant.parse("2026-11-22T10:00:00Z"), List.of()));
    }

    @Test
    void shouldNameAPropertyTheProducerWritesButTheSchemaDoesNotDeclare() {
        assertThatThrownBy(() -> EventContracts.assertPublishes(LeakyItem.class))
                .hasMessageContaining("email is written but the schema does not declare it");
    }

    @Test
    void shouldNameARequiredPropertyTheProducerRecordLacks() {
        assertThatThrownBy(() -> EventContracts.assertPublishes(Unnoted.class))
                .hasMessageContaining("note is required by the schema but Unnoted has no such property");
    }

    @Test
    void shouldNameASampleTheSchemaRejects() {
        assertThatThrownBy(() -> EventContracts.assertPublishes(Noted.class, new Noted(null, null, List.of())))
                .hasMessageContaining("sample Noted[note=null");
    }

    @Test
    void shouldPassAConsumerThatReadsPartOfWhatIsDeclaredAndAnswerTheExamples() {
        List<NoteReader> examples = EventContracts.assertConsumes(NoteReader.class, SCHEMAS);
        assertThat(examples).containsExactly(new NoteReader("called back"));
    }

    @Test
    void shouldNameWhatAConsumerReadsWithTheWrongTypeOrThatIsNotPublished() {
        assertThatThrownBy(() -> EventContracts.assertConsumes(NoteMisreader.class, SCHEMAS))
                .hasMessageContaining("at is int (integer) but the schema says [string]");
        assertThatThrownBy(() -> EventContracts.assertConsumes(NoteSnoop.class, SCHEMAS))
                .hasMessageContaining("email is read but the schema does not declare it");
    }

    @Test
    void shouldRefuseASchemaWithoutExamples() {
        assertThatThrownBy(() -> EventContracts.assertConsumes(NoteReader.class,
                Repository.root().resolve("chassis/src/test/resources/events-without-examples")))
                .hasMessageContaining("has no examples");
    }

    @Test
    void shouldCheckThatAHandlerTableCoversEveryPublishedType() {
        EventHandlers complete = EventHandlers.consumer("complete")
                .on(NoteReader.class, note -> Uni.createFrom().voidItem())
                .ignore("item.created", "not ours")
                .build();
        EventContracts.assertCovers(complete, SCHEMAS);

        EventHandlers partial = EventHandlers.consumer("partial").on(NoteReader.class, note -> Uni.createFrom().voidItem())
                .build();
        assertThatThrownBy(() -> EventContracts.assertCovers(partial, SCHEMAS))
                .hasMessageContaining("neither handles nor ignores (with a reason) [leadstream.item.created.v1]");

        EventHandlers stale = EventHandlers.consumer("stale").on(NoteReader.class, note -> Uni.createFrom().voidItem())
                .ignore("item.created", "not ours").ignore("item.deleted", "gone")
                .build();
        assertThatThrownBy(() -> EventContracts.assertCovers(stale, SCHEMAS))
                .hasMessageContaining("does not publish: [leadstream.item.deleted.v1]");
    }
}
