package io.leadstream.nurture.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables a template may use, and nothing else (checked when it is saved): the lead's (read from capture-service
 * at send time), the rep's (the sender), the company's (configuration), the unsubscribe link (EMAIL only) and the free
 * {@code vars.<name>} the sender gives. Also the documented sample values a preview uses for what it is not given.
 */
public final class TemplateVariables {

    public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    public static final String COMPANY_NAME = "company.name";
    public static final String VARS_PREFIX = "vars.";
    /** A free variable's name after {@code vars.}: a Java-like identifier. */
    public static final Pattern FREE_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]{0,39}$");

    /** Every fixed variable, in the order the README lists them. */
    public static final List<String> FIXED = List.of(
            "lead.firstName", "lead.lastName", "lead.fullName", "lead.company", "lead.email", "lead.phone",
            "lead.country", "lead.language", "lead.products",
            "rep.name", "rep.email",
            COMPANY_NAME,
            UNSUBSCRIBE_URL);

    /**
     * The sample values of a preview: the documented sample lead Ana García, her rep and the free variables the
     * shipped examples use. {@code company.name} comes from configuration, so it has no sample.
     */
    public static final Map<String, String> SAMPLES;

    static {
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("lead.firstName", "Ana");
        samples.put("lead.lastName", "García");
        samples.put("lead.fullName", "Ana García");
        samples.put("lead.company", "Solaria Energía S.L.");
        samples.put("lead.email", "ana.garcia@example.com");
        samples.put("lead.phone", "+34 612 345 678");
        samples.put("lead.country", "ES");
        samples.put("lead.language", "es");
        samples.put("lead.products", "Solar panels, Heat pumps");
        samples.put("rep.name", "Jordan Lee");
        samples.put("rep.email", "jordan.lee@example.com");
        samples.put(UNSUBSCRIBE_URL, "https://leadstream.example/unsubscribe?t=sample");
        samples.put("vars.meetingDate", "2027-01-12");
        samples.put("vars.meetingTime", "10:00 CET");
        samples.put("vars.meetingLink", "https://meet.example.com/ana-garcia");
        samples.put("vars.productName", "SolarMax 600");
        samples.put("vars.productUrl", "https://leadstream.example/products/solarmax-600");
        SAMPLES = Map.copyOf(samples);
    }

    private TemplateVariables() {
    }

    /** Is {@code name} a variable a template of {@code channel} may use? */
    public static boolean allowed(String name, Channel channel) {
        if (name.startsWith(VARS_PREFIX)) {
            return FREE_NAME.matcher(name.substring(VARS_PREFIX.length())).matches();
        }
        if (UNSUBSCRIBE_URL.equals(name)) {
            return channel == Channel.EMAIL;
        }
        return FIXED.contains(name);
    }

    /** Is {@code name} a variable some template may use (a preview may give it)? */
    public static boolean known(String name) {
        return allowed(name, Channel.EMAIL);
    }
}
