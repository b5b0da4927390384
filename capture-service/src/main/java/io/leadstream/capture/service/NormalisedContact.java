package io.leadstream.capture.service;

/**
 * Contact data after normalisation, with the derived, non-personal quality flags that go into events.
 * {@code phoneType} is libphonenumber's type (MOBILE, FIXED_LINE, …) or null without a phone.
 */
public record NormalisedContact(String firstName, String lastName, String email, String phone, String company,
        String country, String source, Quality quality) {

    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            boolean hasCompany, boolean nameLooksReal) {
    }
}
