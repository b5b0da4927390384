package io.leadstream.nurture.templates;

/**
 * How an SMS text travels: in GSM-7 (the GSM 03.38 default alphabet; its extension characters {@code ^ { } \ [ ~ ] |
 * €} take two septets) at 160 septets in one segment and 153 per segment when concatenated, or, as soon as one
 * character is outside it (á, ș, Cyrillic, emoji, …), in UCS-2 at 70 UTF-16 units in one segment and 67 per segment.
 * {@code units} counts septets for GSM-7 and UTF-16 units for UCS-2.
 */
public record SmsLength(String encoding, int units, int segments) {

    public static final String GSM_7 = "GSM-7";
    public static final String UCS_2 = "UCS-2";

    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    /** The encoding, length and segment count of {@code text}. */
    public static SmsLength of(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                int units = text.length();
                return new SmsLength(UCS_2, units, units <= 70 ? 1 : (units + 66) / 67);
            }
        }
        return new SmsLength(GSM_7, septets, septets <= 160 ? 1 : (septets + 152) / 153);
    }
}
