package io.leadstream.nurture.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void shouldTryTheLeadsLanguageThenEnglish() {
        assertThat(Templates.languagesToTry("es")).containsExactly("es", "en");
        assertThat(Templates.languagesToTry("es-MX")).containsExactly("es", "en");
        assertThat(Templates.languagesToTry("RO_ro")).containsExactly("ro", "en");
        assertThat(Templates.languagesToTry("en-GB")).containsExactly("en");
    }

    @Test
    void shouldFallBackToEnglishWithoutAReadableLanguage() {
        assertThat(Templates.languagesToTry(null)).containsExactly("en");
        assertThat(Templates.languagesToTry("")).containsExactly("en");
        assertThat(Templates.languagesToTry("123")).containsExactly("en");
    }
}
