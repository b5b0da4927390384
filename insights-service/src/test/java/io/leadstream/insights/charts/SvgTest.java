package io.leadstream.insights.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SvgTest {

    @Test
    void shouldEscapeMarkupAndReplaceWhatXmlCannotHold() {
        assertThat(Svg.escape("a<b>&\"c\"'d'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
        assertThat(Svg.escape("line\nbreak\ttab")).isEqualTo("line break tab");
        assertThat(Svg.escape("bell\u0007 nul\u0000 \ufffe")).isEqualTo("bell\ufffd nul\ufffd \ufffd");
        // an unpaired surrogate is replaced, a pair (an emoji) kept
        assertThat(Svg.escape("x\ud800y \ud83d\ude00")).isEqualTo("x\ufffdy \ud83d\ude00");
        assertThat(Svg.escape("Zoë – 東京")).isEqualTo("Zoë – 東京");
    }

    @Test
    void shouldShortenByCharactersNotSplittingAPair() {
        assertThat(Svg.shorten("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Svg.shorten("abcdefg", 6)).isEqualTo("abcde\u2026");
        assertThat(Svg.shorten("\ud83d\ude00\ud83d\ude00\ud83d\ude00", 2)).isEqualTo("\ud83d\ude00\u2026");
    }

    @Test
    void shouldWriteNumbersAndPercentagesShortly() {
        assertThat(Svg.num(300)).isEqualTo("300");
        assertThat(Svg.num(12.5)).isEqualTo("12.5");
        assertThat(Svg.num(1.0 / 3)).isEqualTo("0.33");
        assertThat(Svg.num(-0.001)).isEqualTo("0");
        assertThat(Svg.percent(0.6667)).isEqualTo("66.7%");
        assertThat(Svg.percent(1.0)).isEqualTo("100%");
        assertThat(Svg.percent(0.0)).isEqualTo("0%");
        assertThat(Svg.percent(null)).isEqualTo("\u2013");
    }

    @Test
    void shouldNameARangeByItsDaysOrItsTimes() {
        Instant feb = Instant.parse("2033-02-01T00:00:00Z");
        assertThat(Svg.range(feb, Instant.parse("2033-03-01T00:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("2033-02-01 \u2013 2033-02-28");
        assertThat(Svg.range(feb, Instant.parse("2033-02-02T00:00:00Z"), ZoneOffset.UTC)).isEqualTo("2033-02-01");
        assertThat(Svg.range(feb, feb, ZoneOffset.UTC)).isEqualTo("2033-02-01");
        assertThat(Svg.range(feb, Instant.parse("2033-02-03T08:30:00Z"), ZoneOffset.UTC))
                .isEqualTo("2033-02-01 00:00 \u2013 2033-02-03 08:30");
        // midnight in Berlin is 23:00 UTC the day before
        assertThat(Svg.range(Instant.parse("2033-01-31T23:00:00Z"), Instant.parse("2033-02-28T23:00:00Z"),
                ZoneId.of("Europe/Berlin"))).isEqualTo("2033-02-01 \u2013 2033-02-28");
    }

    @Test
    void shouldFindRoundTicks() {
        assertThat(Ticks.upTo(0)).isEqualTo(new Ticks(1, 1));
        assertThat(Ticks.upTo(1)).isEqualTo(new Ticks(1, 1));
        assertThat(Ticks.upTo(5)).isEqualTo(new Ticks(1, 5));
        assertThat(Ticks.upTo(7)).isEqualTo(new Ticks(2, 8));
        assertThat(Ticks.upTo(10)).isEqualTo(new Ticks(2, 10));
        assertThat(Ticks.upTo(23)).isEqualTo(new Ticks(5, 25));
        assertThat(Ticks.upTo(55)).isEqualTo(new Ticks(20, 60));
        assertThat(Ticks.upTo(1234)).isEqualTo(new Ticks(500, 1500));
        assertThat(Ticks.upTo(7).values()).containsExactly(0L, 2L, 4L, 6L, 8L);
        assertThat(Ticks.upTo(1_000_000).values()).containsExactly(0L, 200_000L, 400_000L, 600_000L, 800_000L,
                1_000_000L);
    }
}
