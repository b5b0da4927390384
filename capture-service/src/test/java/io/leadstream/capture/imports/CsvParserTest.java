package io.leadstream.capture.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static List<CsvParser.Record> parse(String csv) throws IOException {
        return parse(csv, 1000);
    }

    private static List<CsvParser.Record> parse(String csv, int maxRecordChars) throws IOException {
        CsvParser parser = new CsvParser(new StringReader(csv), maxRecordChars);
        List<CsvParser.Record> records = new ArrayList<>();
        CsvParser.Record record;
        while ((record = parser.next()) != null) {
            records.add(record);
        }
        return records;
    }

    @Test
    void shouldSplitPlainFieldsAndKeepEmptyOnes() throws IOException {
        List<CsvParser.Record> records = parse("a,b,c\n1,,3\n,,\n");
        assertThat(records).extracting(CsvParser.Record::fields)
                .containsExactly(List.of("a", "b", "c"), List.of("1", "", "3"), List.of("", "", ""));
        assertThat(records).allMatch(r -> !r.malformed());
    }

    @Test
    void shouldReadQuotedCommasQuotesAndLineBreaks() throws IOException {
        List<CsvParser.Record> records = parse("""
                name,company,note
                "Lovelace, Ada","The ""Analytical"" Engine Co","first line
                second line"
                "",x,""
                """);
        assertThat(records).extracting(CsvParser.Record::fields).containsExactly(
                List.of("name", "company", "note"),
                List.of("Lovelace, Ada", "The \"Analytical\" Engine Co", "first line\nsecond line"),
                List.of("", "x", ""));
        assertThat(records).extracting(CsvParser.Record::line).containsExactly(1L, 2L, 4L);
        assertThat(records).allMatch(r -> !r.malformed());
    }

    @Test
    void shouldTakeCrlfLfAndLoneCrAsRecordEndsAndQuotedBreaksAsLf() throws IOException {
        List<CsvParser.Record> records = parse("a,b\r\n1,\"x\r\ny\"\r2,3\n4,5");
        assertThat(records).extracting(CsvParser.Record::fields).containsExactly(
                List.of("a", "b"), List.of("1", "x\ny"), List.of("2", "3"), List.of("4", "5"));
        assertThat(records).extracting(CsvParser.Record::line).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void shouldSkipEmptyLinesAndAByteOrderMarkAndKeepATrailingEmptyField() throws IOException {
        List<CsvParser.Record> records = parse("\uFEFFa,b\n\n\r\n1,\n\n");
        assertThat(records).extracting(CsvParser.Record::fields).containsExactly(List.of("a", "b"), List.of("1", ""));
        assertThat(records).extracting(CsvParser.Record::line).containsExactly(1L, 4L);
    }

    @Test
    void shouldReadTheLastRecordWithoutALineBreak() throws IOException {
        assertThat(parse("a,\"b\"")).extracting(CsvParser.Record::fields).containsExactly(List.of("a", "b"));
    }

    @Test
    void shouldMarkAQuoteInsideAnUnquotedFieldAndGoOn() throws IOException {
        List<CsvParser.Record> records = parse("a,b\n5\" screen,x\n1,2\n");
        assertThat(records.get(1).error()).contains("quote inside an unquoted field");
        assertThat(records.get(2).fields()).containsExactly("1", "2");
        assertThat(records.get(2).malformed()).isFalse();
    }

    @Test
    void shouldMarkTextAfterAClosingQuoteAndGoOn() throws IOException {
        List<CsvParser.Record> records = parse("\"ab\"c,d\n1,2\n");
        assertThat(records.get(0).error()).contains("after the closing quote");
        assertThat(records.get(0).fields()).hasSize(2);
        assertThat(records.get(1).fields()).containsExactly("1", "2");
    }

    @Test
    void shouldMarkAQuoteNeverClosedWithTheLineItOpenedOn() throws IOException {
        List<CsvParser.Record> records = parse("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(1).fields()).containsExactly("1", "2");
        assertThat(records.get(2).error()).isEqualTo("a quoted field opened on line 3 is never closed");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void shouldMarkARecordLongerThanTheLimitKeepOnlyTheLimitAndReadTheNextOne() throws IOException {
        String longField = "x".repeat(5_000);
        List<CsvParser.Record> records = parse("a,b\n" + longField + ",\"" + longField + "\"\n1,2\n", 100);
        assertThat(records.get(1).error()).isEqualTo("the row is longer than 100 characters");
        assertThat(records.get(1).fields().stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(100);
        assertThat(records.get(2).fields()).containsExactly("1", "2");
        assertThat(records.get(2).malformed()).isFalse();
    }

    @Test
    void shouldReadNothingFromAnEmptyBody() throws IOException {
        assertThat(parse("")).isEmpty();
        assertThat(parse("\n\r\n")).isEmpty();
    }
}
