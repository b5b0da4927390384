package io.leadstream.insights.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesWhatWouldBreakARowAndDefusesFormulas() {
        String csv = Csv.withHeader("key", "leads").row("web,partner", 3).row("say \"hi\"", 1).row("=1+1", 0)
                .row(null, 2.5).row("two\nlines", -1).toString();

        assertThat(csv.split("\r\n", -1)).containsExactly("key,leads", "\"web,partner\",3", "\"say \"\"hi\"\"\",1",
                "'=1+1,0", ",2.5", "\"two\nlines\",-1", "");
    }
}
