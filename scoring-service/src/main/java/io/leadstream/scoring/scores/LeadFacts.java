package io.leadstream.scoring.scores;

/** What scoring knows of a lead (from events; never personal data). */
public record LeadFacts(String source, boolean hasCompany, String country, boolean emailValid, String emailDomainKind,
        boolean phoneValid, String phoneType) {
}
