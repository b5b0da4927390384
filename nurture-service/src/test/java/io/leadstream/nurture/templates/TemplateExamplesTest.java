package io.leadstream.nurture.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The shipped examples: every key × channel × language is there, valid, and renders completely with the samples. */
class TemplateExamplesTest {

    final TemplateRenderer renderer = new TemplateRenderer("Leadstream");

    @Test
    void shouldShipEveryKeyInEveryChannelAndLanguage() {
        List<TemplateRules.Checked> all = ShippedExamples.all();
        assertThat(all).hasSize(4 * 3 * 5);
        Set<String> identities = new HashSet<>();
        for (TemplateRules.Checked t : all) {
            identities.add(t.key() + "/" + t.channel() + "/" + t.language());
        }
        assertThat(identities).hasSize(60);
        assertThat(ShippedExamples.KEYS).containsExactly("product-introduction", "meeting-invitation", "thank-you",
                "new-product-launch");
        assertThat(ShippedExamples.LANGUAGES).containsExactly("en", "es", "de", "ro", "ru");
    }

    @Test
    void shouldRenderEveryExampleWithTheSamplesWithoutAMissingVariable() {
        for (TemplateRules.Checked t : ShippedExamples.all()) {
            Rendered r = renderer.render(new TemplateText(t.channel(), t.language(), t.subject(), t.body()),
                    new Variables(TemplateVariables.SAMPLES));
            String where = t.key() + " " + t.channel() + " " + t.language();
            assertThat(r.missing()).as(where).isEmpty();
            assertThat(r.text()).as(where).isNotBlank().doesNotContain("null", "NOT_FOUND", "{", "}");
            if (t.channel() == Channel.EMAIL) {
                assertThat(t.body()).as(where).contains("{unsubscribeUrl}");
                assertThat(r.subject()).as(where).isNotBlank().doesNotContain("{");
                assertThat(r.html()).as(where).contains("href=\"https://leadstream.example/unsubscribe?t=sample\"")
                        .contains("Leadstream");
                assertThat(r.text()).as(where).contains("https://leadstream.example/unsubscribe?t=sample");
            } else {
                assertThat(r.text()).as(where).doesNotContain("<p>", "<br>");
            }
            if (t.channel() == Channel.SMS) {
                assertThat(r.sms().segments()).as(where + " " + r.sms()).isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void shouldRenderEveryExampleWithoutAnyValueAndNeverPrintNull() {
        for (TemplateRules.Checked t : ShippedExamples.all()) {
            Rendered r = renderer.render(new TemplateText(t.channel(), t.language(), t.subject(), t.body()),
                    Variables.none());
            assertThat(r.text()).as(t.key() + " " + t.channel() + " " + t.language()).doesNotContain("null",
                    "NOT_FOUND");
            assertThat(r.missing()).isNotEmpty().doesNotContain("company.name");
        }
    }

    @Test
    void shouldWriteEachLanguageInItsOwnScript() {
        for (TemplateRules.Checked t : ShippedExamples.all()) {
            String where = t.key() + " " + t.channel() + " " + t.language();
            switch (t.language()) {
                case "ru" -> assertThat(t.body()).as(where).containsPattern("[А-Яа-яЁё]{4,}");
                case "ro" -> assertThat(t.body()).as(where).containsPattern("[ăâîșțĂÂÎȘȚ]")
                        .doesNotContainPattern("[şţŞŢ]"); // comma below, not the Turkish cedilla
                case "de" -> assertThat(t.body() + t.name()).as(where).containsPattern("[a-zäöüß]");
                default -> assertThat(t.body()).as(where).isNotBlank();
            }
        }
    }
}
