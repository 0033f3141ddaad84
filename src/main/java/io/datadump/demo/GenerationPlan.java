package io.datadump.demo;

/**
 * How many rows of each table one generate run writes. Scale 1 is a small brokerage: about 1,000 contacts
 * and 300 properties; notes and e-mails are the largest tables, as in a real CRM.
 */
public record GenerationPlan(
        int teams,
        int departments,
        int brokers,
        int projects,
        int contacts,
        int properties,
        int propertyDetailsPerProperty,
        int imagesPerProperty,
        int documents,
        int deals,
        int appointments,
        int cancelations,
        int notes,
        int messages,
        int todos,
        int policies,
        int relationships,
        int savedQueries) {

    /** 10,000 is about 165 million rows: beyond it the counts of some tables would overflow an int. */
    public static final int MAX_SCALE = 10_000;

    public static GenerationPlan forScale(int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("the scale is 1 to " + MAX_SCALE + " (" + MAX_SCALE
                    + " makes about 165 million rows), not " + scale);
        }
        return new GenerationPlan(
                Math.min(2 + scale / 10, 12),
                Math.min(3 + scale / 3, 40),
                8 + 4 * scale,
                2 + 5 * scale,
                1000 * scale,
                300 * scale,
                3,
                4,
                600 * scale,
                400 * scale,
                800 * scale,
                150 * scale,
                5000 * scale,
                3000 * scale,
                600 * scale,
                800 * scale,
                400 * scale,
                350 * scale);
    }

    /**
     * A very small brokerage, about 230 rows in all (40 contacts, 10 properties, 50 notes, …): the long tail of
     * tenants a nightly batch spends most of its fixed cost on.
     */
    public static GenerationPlan tiny() {
        return new GenerationPlan(1, 1, 2, 1, 40, 10, 1, 1, 5, 10, 15, 2, 50, 30, 8, 5, 5, 4);
    }

    /** Only contacts (plus the brokers and lookups they reference): for benchmarks of one big table. */
    public static GenerationPlan contactsOnly(int contacts) {
        return new GenerationPlan(1, 2, 10, 0, contacts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public long totalRows() {
        long details = (long) properties * propertyDetailsPerProperty;
        return teams
                + departments
                + brokers
                + projects
                + contacts
                + properties
                + details
                + details * 2 / 5
                + (long) properties * imagesPerProperty
                + documents
                + deals
                + deals * 3L / 2
                + appointments
                + cancelations
                + notes
                + messages
                + todos
                + policies
                + relationships
                + savedQueries;
    }
}
