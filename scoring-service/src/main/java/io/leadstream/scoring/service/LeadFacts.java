package io.leadstream.scoring.service;

/** What scoring knows of a lead (from events; never personal data). */
public record LeadFacts(String source, boolean hasCompany, String country, boolean emailValid, String emailDomainKind,
        boolean phoneValid, String phoneType) {
}
