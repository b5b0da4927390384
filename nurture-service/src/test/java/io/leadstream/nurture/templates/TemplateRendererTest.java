package io.leadstream.nurture.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    final TemplateRenderer renderer = new TemplateRenderer("Acme & Co");

    private static TemplateText email(String subject, String body) {
        return new TemplateText(Channel.EMAIL, "en", subject, body);
    }

    @Test
    void shouldEscapeValuesInTheHtmlBodyButNotInTheSubjectOrTheTextAlternative() {
        Variables values = new Variables(Map.of("lead.firstName", "<b>Ana</b>", "lead.company", "Smith & \"Sons\""));
        Rendered r = renderer.render(email("Hi {lead.firstName} of {lead.company}",
                "<p>Dear {lead.firstName},</p><p>from {company.name} to {lead.company}</p>"), values);
        assertThat(r.subject()).isEqualTo("Hi <b>Ana</b> of Smith & \"Sons\"");
        assertThat(r.html()).contains("Dear &lt;b&gt;Ana&lt;/b&gt;,")
                .contains("from Acme &amp; Co to Smith &amp; &quot;Sons&quot;")
                .doesNotContain("<b>Ana</b>");
        assertThat(r.text()).isEqualTo("Dear <b>Ana</b>,\n\nfrom Acme & Co to Smith & \"Sons\"");
        assertThat(r.body()).isEqualTo(r.html());
        assertThat(r.missing()).isEmpty();
        assertThat(r.sms()).isNull();
    }

    @Test
    void shouldRenderAMissingValueAsNothingAndListIt() {
        Rendered r = renderer.render(email("For {lead.company}", "<p>Hi {lead.firstName}{#if lead.company}, "
                + "{lead.company}{/if} {vars.meetingTime} {lead.phone ?: 'no phone'}</p>"),
                new Variables(Map.of("lead.firstName", "Ana", "lead.phone", "  ")));
        assertThat(r.subject()).isEqualTo("For");
        assertThat(r.html()).isEqualTo("<p>Hi Ana  no phone</p>").doesNotContain("null").doesNotContain("NOT_FOUND");
        assertThat(r.missing()).containsExactly("lead.company", "vars.meetingTime", "lead.phone");
    }

    @Test
    void shouldTurnTheHtmlIntoAPlainTextAlternative() {
        Rendered r = renderer.render(email("x", """
                <p>Hello {lead.firstName},</p>
                <p>Line one<br>line two</p>
                <ul><li>first</li><li>second</li></ul>
                <p><a href="{vars.productUrl}">See it</a> or <a href="{unsubscribeUrl}">{unsubscribeUrl}</a></p>
                <p>5 &gt; 3 &euro; <a href="mailto:{rep.email}">{rep.email}</a></p>
                """), new Variables(Map.of("lead.firstName", "Ana", "vars.productUrl", "https://x.example/p?a=1&b=2",
                "unsubscribeUrl", "https://u.example/?t=1", "rep.email", "jo@example.com")));
        assertThat(r.html()).contains("href=\"https://x.example/p?a=1&amp;b=2\"");
        assertThat(r.text()).isEqualTo("""
                Hello Ana,

                Line one
                line two

                - first
                - second

                See it (https://x.example/p?a=1&b=2) or https://u.example/?t=1

                5 > 3 € jo@example.com""");
    }

    @Test
    void shouldRenderWhatsAppAsPlainTextWithoutEscaping() {
        Rendered r = renderer.render(new TemplateText(Channel.WHATSAPP, "en", null,
                "Hi {lead.firstName} & {rep.name}!\n*Bold* <ok>\n"), Variables.of(
                new Variables.Lead("Ana", "García", null, null, null, null, "es", List.of("a")),
                new Variables.Rep("Jo <Lee>", null), null, Map.of()));
        assertThat(r.text()).isEqualTo("Hi Ana & Jo <Lee>!\n*Bold* <ok>");
        assertThat(r.html()).isNull();
        assertThat(r.subject()).isNull();
        assertThat(r.sms()).isNull();
        assertThat(r.body()).isEqualTo(r.text());
    }

    @Test
    void shouldBuildVariablesFromTheLeadTheRepAndTheSender() {
        Variables v = Variables.of(new Variables.Lead("Ana", "García", "Solaria", "ana@example.com", "+34 600",
                "ES", "es", List.of("Solar", "Heat pumps")), new Variables.Rep("Jo", "jo@example.com"),
                "https://u.example", Map.of("meetingTime", "10:00"));
        assertThat(v.get("lead.fullName")).isEqualTo("Ana García");
        assertThat(v.get("lead.products")).isEqualTo("Solar, Heat pumps");
        assertThat(v.get("rep.email")).isEqualTo("jo@example.com");
        assertThat(v.get("unsubscribeUrl")).isEqualTo("https://u.example");
        assertThat(v.get("vars.meetingTime")).isEqualTo("10:00");
        assertThat(Variables.of(new Variables.Lead(null, null, null, null, null, null, null, null), null, null, null)
                .get("lead.fullName")).isNull();
    }

    @Test
    void shouldCountSmsSegmentsInGsm7AndUcs2() {
        SmsLength shortGsm = SmsLength.of("x".repeat(160));
        assertThat(shortGsm).isEqualTo(new SmsLength("GSM-7", 160, 1));
        assertThat(SmsLength.of("x".repeat(161))).isEqualTo(new SmsLength("GSM-7", 161, 2));
        assertThat(SmsLength.of("x".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("x".repeat(307)).segments()).isEqualTo(3);
        // German umlauts are GSM-7; the euro sign and braces take two septets
        assertThat(SmsLength.of("Grüße für Sie: 5 €")).isEqualTo(new SmsLength("GSM-7", 19, 1));
        assertThat(SmsLength.of("{}".repeat(80))).isEqualTo(new SmsLength("GSM-7", 320, 3));
        // Cyrillic, Romanian ș and Spanish á force UCS-2
        assertThat(SmsLength.of("Здравствуйте")).isEqualTo(new SmsLength("UCS-2", 12, 1));
        assertThat(SmsLength.of("ș".repeat(70))).isEqualTo(new SmsLength("UCS-2", 70, 1));
        assertThat(SmsLength.of("á" + "x".repeat(70))).isEqualTo(new SmsLength("UCS-2", 71, 2));
        assertThat(SmsLength.of("x".repeat(134) + "ț")).isEqualTo(new SmsLength("UCS-2", 135, 3));
    }

    @Test
    void shouldReportSmsSegmentsOfTheRenderedText() {
        Rendered r = renderer.render(new TemplateText(Channel.SMS, "ru", null, "Привет, {lead.firstName}!\n"),
                new Variables(Map.of("lead.firstName", "Анна")));
        assertThat(r.text()).isEqualTo("Привет, Анна!");
        assertThat(r.sms()).isEqualTo(new SmsLength("UCS-2", 13, 1));
        assertThat(r.language()).isEqualTo("ru");
    }

    @Test
    void shouldRenderConditionsWithElseIfOperatorsAndEscapedBraces() {
        String body = "{#if lead.company}A {lead.company}{#else if lead.country == 'ES'}B{#else}C{/if} \\{lead.x}";
        TemplateText t = new TemplateText(Channel.SMS, "en", null, body);
        assertThat(TemplateRules.check(new TemplateDraft("k", "SMS", "en", "n", null, body)).body()).isEqualTo(body);
        assertThat(renderer.render(t, new Variables(Map.of("lead.company", "Acme"))).text()).isEqualTo("A Acme {lead.x}");
        assertThat(renderer.render(t, new Variables(Map.of("lead.country", "ES"))).text()).isEqualTo("B {lead.x}");
        Rendered none = renderer.render(t, Variables.none());
        assertThat(none.text()).isEqualTo("C {lead.x}");
        assertThat(none.missing()).containsExactlyInAnyOrder("lead.company", "lead.country");
    }

    @Test
    void shouldUseTheConfiguredCompanyNameUnlessGivenOne() {
        TemplateText t = new TemplateText(Channel.SMS, "en", null, "{company.name}");
        assertThat(renderer.render(t, Variables.none()).text()).isEqualTo("Acme & Co");
        assertThat(renderer.render(t, new Variables(Map.of("company.name", "Other"))).text()).isEqualTo("Other");
        assertThat(new TemplateRenderer((String) null).render(t, Variables.none()).missing())
                .containsExactly("company.name");
    }
}
