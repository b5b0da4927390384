package io.leadstream.insights.breakdowns;

/**
 * How a group of leads (captured in a period) did: how many, how many were qualified, won (reached CUSTOMER) and lost
 * (UNQUALIFIED now, never a customer), and the conversion rate won / leads (null when there are none).
 */
public record Conversion(long leads, long qualified, long won, long lost) {

    public Double rate() {
        return leads == 0 ? null : (double) won / leads;
    }
}
