package io.leadstream.scoring.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** How senior a job title reads, from keywords in English and German (the most senior matching level wins). */
public enum JobSeniority {
    C_LEVEL("\\b(ceo|cto|cfo|coo|cmo|cio|cso|chief|founder|co-founder|owner|president|managing director|"
            + "geschäftsführer(in)?|inhaber(in)?|vorstand)\\b"),
    VP("\\b(vp|svp|evp|vice president)\\b"),
    DIRECTOR("\\b(director|head of|head|leiter(in)?|direktor(in)?)\\b"),
    MANAGER("\\b(manager(in)?|team lead|lead|supervisor)\\b"),
    STAFF(".");

    private final Pattern pattern;

    JobSeniority(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    /** The seniority of a title, or null without one. */
    public static JobSeniority of(String jobTitle) {
        if (jobTitle == null || jobTitle.isBlank()) {
            return null;
        }
        String title = jobTitle.toLowerCase(Locale.ROOT);
        // the most senior level first: declaration order
        return Arrays.stream(values()).filter(level -> level.pattern.matcher(title).find()).findFirst().orElse(STAFF);
    }
}
