package io.leadstream.scoring.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Made-up leads whose outcome depends on known attributes, seeded so every run sees the same ones. With signal, the
 * log-odds of winning are −1.5 + 2·(wants heat pumps) + 1.5·(corporate email) + 1·(ln dealSize − 8); every other
 * attribute is noise.
 */
final class GeneratedLeads {

    static final List<String> SIGNAL = List.of("products∋heat-pumps", "emailDomainKind=CORPORATE", "dealSize");

    private static final List<String> PRODUCTS = List.of("heat-pumps", "solar", "batteries", "boilers", "insulation");
    private static final List<String> COUNTRIES = List.of("DE", "DE", "DE", "FR", "FR", "GB", "NL", "ES");
    private static final List<String> SOURCES = List.of("web", "referral", "partner", "import");

    private GeneratedLeads() {
    }

    /** Outcomes that follow the log-odds above. */
    static List<Outcome> withSignal(int count, long seed) {
        Random random = new Random(seed);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> lead = attributes(random);
            double logOdds = -1.5;
            if (((List<?>) lead.get("products")).contains("heat-pumps")) {
                logOdds += 2.0;
            }
            if ("CORPORATE".equals(lead.get("emailDomainKind"))) {
                logOdds += 1.5;
            }
            if (lead.get("dealSize") instanceof Double deal) {
                logOdds += Math.log(deal) - 8;
            }
            boolean won = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
            outcomes.add(new Outcome(lead, won));
        }
        return outcomes;
    }

    /** The same kind of leads, won with probability 0.4 whatever their attributes. */
    static List<Outcome> withoutSignal(int count, long seed) {
        Random random = new Random(seed);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> lead = attributes(random);
            outcomes.add(new Outcome(lead, random.nextDouble() < 0.4));
        }
        return outcomes;
    }

    static boolean isNoise(String feature) {
        return feature.startsWith("country=") || feature.startsWith("source=") || feature.equals("emailValid")
                || feature.equals("noiseScore") || feature.startsWith("products∋") && !SIGNAL.contains(feature);
    }

    private static Map<String, Object> attributes(Random random) {
        Map<String, Object> lead = new HashMap<>();
        List<String> products = new ArrayList<>();
        for (String product : PRODUCTS) {
            if (random.nextDouble() < 0.35) {
                products.add(product);
            }
        }
        lead.put("products", products);
        double kind = random.nextDouble();
        lead.put("emailDomainKind", kind < 0.4 ? "CORPORATE" : kind < 0.85 ? "FREE" : null);
        lead.put("dealSize", random.nextDouble() < 0.9 ? Math.exp(8 + random.nextGaussian()) : null);
        lead.put("emailValid", random.nextDouble() < 0.8);
        lead.put("country", random.nextDouble() < 0.001 ? "LU" : COUNTRIES.get(random.nextInt(COUNTRIES.size())));
        lead.put("source", SOURCES.get(random.nextInt(SOURCES.size())));
        lead.put("noiseScore", random.nextInt(1000));
        return lead;
    }
}
