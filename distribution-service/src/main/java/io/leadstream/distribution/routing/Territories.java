package io.leadstream.distribution.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a rep sells: ISO 3166-1 alpha-2 country codes ({@code DE}, {@code GB}) and a few fixed sales regions that
 * stand for lists of countries. Pure; codes are upper-case.
 * <p>
 * The regions, as most sales organisations cut the world (a country may sit in several):
 * <ul>
 * <li>{@code DACH}: Germany, Austria, Switzerland.</li>
 * <li>{@code BENELUX}: Belgium, the Netherlands, Luxembourg.</li>
 * <li>{@code NORDICS}: Denmark, Finland, Iceland, Norway, Sweden.</li>
 * <li>{@code EU}: the 27 member states of the European Union (Greece is {@code GR}, as ISO has it). {@code EU} is
 * the one two-letter region: ISO 3166 reserves it for the Union, so no country can ever be given it.</li>
 * <li>{@code EMEA}: Europe (with Russia, Belarus and Ukraine), the Caucasus, Central Asia, the Middle East (Turkey,
 * Iran, the Arabian peninsula, the Levant, Iraq) and all of Africa (with the British Indian Ocean Territory and the
 * French Southern Territories, as M49 has them).</li>
 * <li>{@code NORAM}: Northern America as the UN's M49 standard lists it: the United States, Canada, Bermuda,
 * Greenland, Saint Pierre and Miquelon (Mexico is in {@code LATAM}). Not {@code NA}: that is Namibia's country code,
 * and a rep covering Namibia must not be given leads from the United States.</li>
 * <li>{@code LATAM}: Latin America and the Caribbean as the UN's M49 standard lists it (Mexico, Central and South
 * America, the Caribbean islands).</li>
 * <li>{@code APAC}: East, South-East and South Asia (without Iran, which is in {@code EMEA}) and Oceania.</li>
 * </ul>
 * {@code EMEA}, {@code NORAM}, {@code LATAM} and {@code APAC} do not overlap and together hold every country but
 * Antarctica ({@code AQ}).
 */
public final class Territories {

    /** Every ISO 3166-1 alpha-2 code the JDK knows (249). */
    private static final Set<String> COUNTRIES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    private static final Set<String> EU = codes("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT "
            + "RO SE SI SK");

    private static final Set<String> EUROPE = codes("AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR "
            + "HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA");

    private static final Set<String> CAUCASUS_AND_CENTRAL_ASIA = codes("AM AZ GE KG KZ TJ TM UZ");

    private static final Set<String> MIDDLE_EAST = codes("AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE");

    private static final Set<String> AFRICA = codes("AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ "
            + "GW IO KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA "
            + "ZM ZW");

    private static final Map<String, Set<String>> REGIONS = Map.of(
            "DACH", codes("DE AT CH"),
            "BENELUX", codes("BE NL LU"),
            "NORDICS", codes("DK FI IS NO SE"),
            "EU", EU,
            "EMEA", union(EUROPE, CAUCASUS_AND_CENTRAL_ASIA, MIDDLE_EAST, AFRICA),
            "NORAM", codes("US CA BM GL PM"),
            "LATAM", codes("AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM "
                    + "KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI"),
            "APAC", codes("AF AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN JP KH KI KP KR LA LK MH MM MN MO MP MV "
                    + "MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TK TL TO TV TW UM VN VU WF WS"));

    private Territories() {
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 country code or one of the regions (upper-case). */
    public static boolean isKnown(String code) {
        return isCountry(code) || isRegion(code);
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 country code (upper-case). */
    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** Whether {@code code} names one of the regions (upper-case). */
    public static boolean isRegion(String code) {
        return code != null && REGIONS.containsKey(code);
    }

    /** The region codes, sorted. */
    public static Set<String> regions() {
        return new TreeSet<>(REGIONS.keySet());
    }

    /** The country codes of {@code region}, sorted; empty for a code that is not a region. */
    public static Set<String> countriesOf(String region) {
        return new TreeSet<>(REGIONS.getOrDefault(region, Set.of()));
    }

    /**
     * Whether a rep covering {@code territories} covers a lead from {@code country}: an empty set covers every
     * country (and a lead of unknown country); otherwise the country must be listed itself or be in a listed region.
     * A lead without a country ({@code null} or blank) is covered only by an empty set. The country is compared
     * upper-case.
     */
    public static boolean covers(Set<String> territories, String country) {
        if (territories == null || territories.isEmpty()) {
            return true;
        }
        if (country == null || country.isBlank()) {
            return false;
        }
        String code = country.strip().toUpperCase(Locale.ROOT);
        for (String territory : territories) {
            if (territory.equals(code) || REGIONS.getOrDefault(territory, Set.of()).contains(code)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> codes(String list) {
        Set<String> codes = Set.of(list.split(" "));
        for (String code : codes) {
            if (!COUNTRIES.contains(code)) {
                throw new IllegalStateException(code + " is not an ISO 3166-1 alpha-2 country code");
            }
        }
        return codes;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
