package io.leadstream.nurture.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

class TemplateRulesTest {

    private static TemplateDraft email(String subject, String body) {
        return new TemplateDraft("product-introduction", "EMAIL", "en", "Intro", subject, body);
    }

    private static List<FieldError> errors(TemplateDraft draft) {
        try {
            TemplateRules.check(draft);
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().type()).endsWith("/validation");
            return e.problem().errors();
        }
        throw new AssertionError("expected a 400 problem for " + draft);
    }

    @Test
    void shouldAcceptAnEmailTemplateWithDocumentedVariablesConditionsAndDefaults() {
        TemplateRules.Checked checked = TemplateRules.check(email("Hello {lead.firstName ?: 'there'} from {company.name}",
                "<p>{#if lead.company}For {lead.company}{#else}For you{/if}</p>{#if !lead.phone}no phone{/if}"
                        + "<a href=\"{unsubscribeUrl}\">x</a> {vars.meetingTime} {rep.name} {rep.email}"));
        assertThat(checked.channel()).isEqualTo(Channel.EMAIL);
        assertThat(checked.language()).isEqualTo("en");
    }

    @Test
    void shouldNameEveryOffendingField() {
        List<FieldError> errors = errors(new TemplateDraft("Not A Slug", "FAX", "english", " ", null, ""));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("key", "channel", "language",
                "name", "body");
    }

    @Test
    void shouldRequireASubjectForEmailAndRefuseItElsewhere() {
        assertThat(errors(email(null, "<p>hi</p>"))).extracting(FieldError::field).containsExactly("subject");
        assertThat(errors(email("two\nlines", "<p>hi</p>"))).extracting(FieldError::message)
                .containsExactly("must be one line");
        assertThat(errors(new TemplateDraft("k", "SMS", "en", "n", "a subject", "hi")))
                .extracting(FieldError::field).containsExactly("subject");
        assertThat(TemplateRules.check(new TemplateDraft("k", "WHATSAPP", "en", "n", null, "hi")).subject()).isNull();
    }

    @Test
    void shouldNameAQuteSyntaxErrorWithItsLine() {
        List<FieldError> errors = errors(email("ok", "<p>line one</p>\n<p>{#if lead.company}\nunclosed</p>"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo("body");
        assertThat(errors.get(0).message()).startsWith("line ").contains("invalid Qute").contains("if");
        List<FieldError> unterminated = errors(email("Hi {lead.firstName", "<p>x</p>"));
        assertThat(unterminated).extracting(FieldError::field).containsExactly("subject");
        assertThat(unterminated.get(0).message()).contains("line 1");
    }

    @Test
    void shouldNameAnUnknownVariableWithItsLine() {
        List<FieldError> errors = errors(email("Hi {lead.firstName}", "<p>ok {lead.company}</p>\n<p>{lead.nickname}</p>"));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.message()).startsWith("line 2: unknown variable {lead.nickname}").contains("lead.firstName");
        });
        assertThat(errors(email("{secret}", "<p>x</p>"))).extracting(FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("{secret}"));
        // a variable inside a condition or a default is checked too; so are methods on a value
        assertThat(errors(email("x", "{#if lead.age}old{/if}"))).extracting(FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("{lead.age}"));
        assertThat(errors(email("x", "{lead.firstName ?: lead.nick}"))).extracting(FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("{lead.nick}"));
        assertThat(errors(email("x", "{lead.firstName.toUpperCase}"))).extracting(FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("{lead.firstName.toUpperCase}"));
        assertThat(errors(email("x", "{lead.firstName.raw}"))).isNotEmpty();
    }

    @Test
    void shouldAllowTheUnsubscribeLinkInEmailOnly() {
        assertThat(errors(new TemplateDraft("k", "SMS", "en", "n", null, "stop: {unsubscribeUrl}")))
                .extracting(FieldError::message).anySatisfy(m -> assertThat(m).contains("EMAIL templates only"));
        assertThat(errors(new TemplateDraft("k", "WHATSAPP", "en", "n", null, "{unsubscribeUrl}"))).hasSize(1);
    }

    @Test
    void shouldAllowFreeVarsWithIdentifierNamesOnly() {
        assertThat(TemplateRules.check(email("x", "{vars.discount_2}")).body()).isEqualTo("{vars.discount_2}");
        assertThat(errors(email("x", "{vars}"))).isNotEmpty();
        assertThat(errors(email("x", "{vars.a.b}"))).isNotEmpty();
    }

    @Test
    void shouldRefuseLoopsIncludesAndNamespaces() {
        assertThat(errors(email("x", "{#for p in lead.products}{p}{/for}"))).extracting(FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("{#for}"));
        assertThat(errors(email("x", "{#let x='a'}{x}{/let}"))).isNotEmpty();
        assertThat(errors(email("x", "{#each lead.products}{it}{/each}"))).isNotEmpty();
        assertThat(errors(email("x", "{config:quarkus.datasource.password}"))).extracting(FieldError::message)
                .anySatisfy(m -> assertThat(m).contains("namespaces"));
    }

    @Test
    void shouldAcceptBcp47PrimaryLanguageSubtagsOnly() {
        for (String language : List.of("en", "es", "de", "ro", "ru", "pt", "fil", "DE")) {
            assertThat(TemplateRules.check(new TemplateDraft("k", "SMS", language, "n", null, "hi")).language())
                    .isEqualTo(language.toLowerCase());
        }
        for (String language : List.of("xx", "en-GB", "e", "english", "12")) {
            assertThat(errors(new TemplateDraft("k", "SMS", language, "n", null, "hi")))
                    .extracting(FieldError::field).containsExactly("language");
        }
    }

    @Test
    void shouldBoundTheBodyPerChannel() {
        assertThat(errors(new TemplateDraft("k", "SMS", "en", "n", null, "x".repeat(TemplateRules.MAX_SMS_BODY + 1))))
                .extracting(FieldError::field).containsExactly("body");
        assertThat(errors(new TemplateDraft("k", "WHATSAPP", "en", "n", null,
                "x".repeat(TemplateRules.MAX_WHATSAPP_BODY + 1)))).extracting(FieldError::field).containsExactly("body");
        assertThatThrownBy(() -> TemplateRules.check(email("x", "x".repeat(TemplateRules.MAX_EMAIL_BODY + 1))))
                .isInstanceOf(ProblemException.class);
    }
}
