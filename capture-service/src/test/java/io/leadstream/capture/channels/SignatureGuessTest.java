package io.leadstream.capture.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureGuessTest {

    @Test
    void shouldTakeThePhoneAndCompanyAfterTheSignatureDelimiter() {
        SignatureGuess guess = SignatureGuess.of("Call me at 030 99999999 tomorrow.\n\n-- \nAda Lovelace\n"
                + "Analytical Engines Ltd\nTel. +44 20 7946 0958\n", "DE");

        // the delimiter's block only: the number in the text above it is not the signature's
        assertThat(guess).isEqualTo(new SignatureGuess("+442079460958", "Analytical Engines Ltd"));
    }

    @Test
    void shouldReadNationalNumbersInTheRegionAndOnlyInternationalOnesWithout() {
        String text = "Guten Tag,\n\nbitte rufen Sie mich an.\n\nJürgen Müller\nMüller Haustechnik GmbH\n0221 1234567";

        assertThat(SignatureGuess.of(text, "DE")).isEqualTo(new SignatureGuess("+492211234567", "Müller Haustechnik GmbH"));
        assertThat(SignatureGuess.of(text, null)).isEqualTo(new SignatureGuess(null, "Müller Haustechnik GmbH"));
    }

    @Test
    void shouldLeaveQuotedTextAndUnlikelyLinesAlone() {
        String reply = "Thanks, see you Thursday.\nGrace\n\nOn Mon, 30 Nov 2026 Leadstream wrote:\n"
                + "> Leadstream Demo GmbH\n> +49 30 901820\n";

        assertThat(SignatureGuess.of(reply, "DE").any()).isFalse();
        // a sentence that merely ends in a legal form's letters is no company line, nor is an invalid number a phone
        assertThat(SignatureGuess.of("We talked about the AG\nCall 12345", "DE"))
                .isEqualTo(new SignatureGuess(null, null));
        assertThat(SignatureGuess.of("", "DE").any()).isFalse();
    }

    @Test
    void shouldReadOnlyTheLastLinesOfALongMailWithoutDelimiter() {
        StringBuilder text = new StringBuilder("Example Widgets Inc.\n");
        for (int i = 0; i < SignatureGuess.LAST_LINES; i++) {
            text.append("line ").append(i).append('\n');
        }

        assertThat(SignatureGuess.of(text.toString(), "DE").company()).isNull();
        assertThat(SignatureGuess.of("Hello\nExample Widgets Inc.\n", "DE").company()).isEqualTo("Example Widgets Inc.");
    }
}
