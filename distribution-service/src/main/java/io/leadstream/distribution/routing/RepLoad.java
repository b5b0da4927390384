package io.leadstream.distribution.routing;

/** How busy a rep is: leads they hold, and leads they were given since the start of their day. */
public record RepLoad(int openLeads, int assignedToday) {

    public static final RepLoad NONE = new RepLoad(0, 0);
}
