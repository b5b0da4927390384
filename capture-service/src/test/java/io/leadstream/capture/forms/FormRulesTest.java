package io.leadstream.capture.forms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.forms.rest.PublicFormResourceRedirects;

/** The small rules behind web forms: exact origins, the client address, the redirect after a post. */
class FormRulesTest {

    @Test
    void shouldNormaliseAnOriginAsBrowsersSendIt() {
        assertThat(FormService.origin("https://WWW.Example.com:443")).isEqualTo("https://www.example.com");
        assertThat(FormService.origin("http://localhost:8000")).isEqualTo("http://localhost:8000");
        assertThat(FormService.origin("http://example.com:80")).isEqualTo("http://example.com");
        assertThat(FormService.origin("https://example.com:8443")).isEqualTo("https://example.com:8443");
    }

    @Test
    void shouldRefuseWhatIsNotExactlyAnOrigin() {
        assertThat(FormService.origin("*")).isNull();
        assertThat(FormService.origin("https://*.example.com")).isNull();
        assertThat(FormService.origin("https://example.com/")).isNull();
        assertThat(FormService.origin("https://example.com/contact")).isNull();
        assertThat(FormService.origin("https://example.com?x=1")).isNull();
        assertThat(FormService.origin("https://user@example.com")).isNull();
        assertThat(FormService.origin("ftp://example.com")).isNull();
        assertThat(FormService.origin("example.com")).isNull();
        assertThat(FormService.origin("null")).isNull();
    }

    @Test
    void shouldAppendTheSubmittedFlagBeforeAnyFragment() {
        assertThat(PublicFormResourceRedirects.redirect("https://example.com/thanks"))
                .isEqualTo("https://example.com/thanks?lead=submitted");
        assertThat(PublicFormResourceRedirects.redirect("https://example.com/thanks?lang=en#top"))
                .isEqualTo("https://example.com/thanks?lang=en&lead=submitted#top");
    }

    @Test
    void shouldGenerateUrlSafeKeysThatDiffer() {
        String a = FormService.newKey();
        assertThat(a).matches("[A-Za-z0-9_-]{16}");
        assertThat(FormService.newKey()).isNotEqualTo(a);
    }
}
