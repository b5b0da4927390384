package io.leadstream.capture.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.ProblemException;

class RowReadersTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * A body of {@code rows} generated rows after {@code header}, produced only as it is read; reading more than
     * {@code allowedBytes} fails the test (a parser that reads to the end before answering would need ~5 MB).
     */
    static final class LazyBody extends InputStream {
        private final String header;
        private final String row;
        private final long rows;
        private final long allowedBytes;
        private byte[] chunk;
        private int position;
        private long produced;
        long read;

        LazyBody(String header, String row, long rows, long allowedBytes) {
            this.header = header;
            this.row = row;
            this.rows = rows;
            this.allowedBytes = allowedBytes;
            this.chunk = header.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            if (position == chunk.length) {
                if (produced == rows) {
                    return -1;
                }
                produced++;
                chunk = row.formatted(produced).getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            if (++read > allowedBytes) {
                throw new AssertionError("read " + read + " bytes of a " + rows + "-row body to answer for its "
                        + "first rows: the reader is not lazy");
            }
            return chunk[position++];
        }
    }

    @Test
    void shouldYieldTheFirstCsvRowWithoutReadingMuchOfAHundredThousandRowBody() throws IOException {
        LazyBody body = new LazyBody("firstName,lastName,email\n", "Ada,Lovelace,ada%d@example.com\n", 100_000, 64 * 1024);
        RowReader rows = CsvRows.open(new InputStreamReader(body, StandardCharsets.UTF_8), 65_536,
                LeadSubmission.class, mapper);

        ImportRow first = rows.next();

        assertThat(first.row()).isEqualTo(1);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.fields().path("email").asText()).isEqualTo("ada1@example.com");
        assertThat(body.read).isLessThan(64 * 1024);
    }

    @Test
    void shouldYieldTheFirstNdjsonRowWithoutReadingMuchOfAHundredThousandRowBody() throws IOException {
        LazyBody body = new LazyBody("", "{\"firstName\":\"Ada\",\"email\":\"ada%d@example.com\"}\n", 100_000, 64 * 1024);
        RowReader rows = NdjsonRows.open(new InputStreamReader(body, StandardCharsets.UTF_8), 65_536, mapper);

        ImportRow first = rows.next();

        assertThat(first.fields().path("email").asText()).isEqualTo("ada1@example.com");
        assertThat(body.read).isLessThan(64 * 1024);
    }

    @Test
    void shouldReadAHundredThousandRowsOneByOne() throws IOException {
        LazyBody body = new LazyBody("firstName,email\n", "Ada,ada%d@example.com\n", 100_000, Long.MAX_VALUE);
        RowReader rows = CsvRows.open(new InputStreamReader(body, StandardCharsets.UTF_8), 65_536,
                LeadSubmission.class, mapper);
        long count = 0;
        ImportRow row;
        ImportRow last = null;
        while ((row = rows.next()) != null) {
            count++;
            last = row;
        }
        assertThat(count).isEqualTo(100_000);
        assertThat(last.fields().path("email").asText()).isEqualTo("ada100000@example.com");
    }

    @Test
    void shouldRejectACsvRowWithAnotherNumberOfFieldsAndGoOn() throws IOException {
        List<ImportRow> rows = csv("firstName,lastName\nAda\nAda,Lovelace,extra\n\"Ada,Lovelace\n");
        assertThat(rows).extracting(ImportRow::error).containsExactly(
                "the row has 1 field(s), the header 2", "the row has 3 field(s), the header 2",
                "a quoted field opened on line 4 is never closed");
        assertThat(rows).extracting(ImportRow::row).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldAnswerAnEmptyCsvBodyOrAMalformedHeaderWith400() {
        assertThatThrownBy(() -> csv("")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().type()).endsWith("/empty-body"));
        assertThatThrownBy(() -> csv("firstName,\"last\"Name\n")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().detail()).startsWith("the header row is malformed"));
    }

    @Test
    void shouldNumberNdjsonRowsByNonBlankLineAndRejectWhatIsNoJsonObject() throws IOException {
        List<ImportRow> rows = ndjson("""
                \uFEFF{"firstName":"Ada"}

                {"firstName": oops}
                   \r
                [1,2]
                {"firstName":"Grace"} trailing
                {"firstName":"Grace"}\r
                """);
        assertThat(rows).extracting(ImportRow::row).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows).extracting(ImportRow::line).containsExactly(1L, 3L, 5L, 6L, 7L);
        assertThat(rows.get(0).fields().path("firstName").asText()).isEqualTo("Ada");
        assertThat(rows.get(1).error()).startsWith("the line is not valid JSON");
        assertThat(rows.get(2).error()).isEqualTo("the line is not a JSON object");
        assertThat(rows.get(3).error()).startsWith("the line is not valid JSON");
        assertThat(rows.get(4).malformed()).isFalse();
    }

    @Test
    void shouldRejectAnNdjsonLineLongerThanTheLimitAndReadTheNextOne() throws IOException {
        List<ImportRow> rows = ndjson("{\"firstName\":\"" + "x".repeat(200) + "\"}\n{\"firstName\":\"Ada\"}\n", 100);
        assertThat(rows.get(0).error()).isEqualTo("the line is longer than 100 characters");
        assertThat(rows.get(1).fields().path("firstName").asText()).isEqualTo("Ada");
    }

    @Test
    void shouldAnswerAnNdjsonBodyOfBlankLinesWith400() {
        assertThatThrownBy(() -> ndjson("\n  \n\r\n")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    private List<ImportRow> csv(String body) throws IOException {
        return all(CsvRows.open(new StringReader(body), 65_536, LeadSubmission.class, mapper));
    }

    private List<ImportRow> ndjson(String body) throws IOException {
        return ndjson(body, 65_536);
    }

    private List<ImportRow> ndjson(String body, int maxRowLength) throws IOException {
        return all(NdjsonRows.open(new StringReader(body), maxRowLength, mapper));
    }

    private static List<ImportRow> all(RowReader reader) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        ImportRow row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return rows;
    }
}
