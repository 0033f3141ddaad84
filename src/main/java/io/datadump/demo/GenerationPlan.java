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

    /** A fraction of scale 1 down to this: 0.01 is 10 contacts and 3 properties, a test account in a minute. */
    public static final double MIN_SCALE = 0.01;

    public static GenerationPlan forScale(int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("the scale is 1 to " + MAX_SCALE + " (" + MAX_SCALE
                    + " makes about 165 million rows), not " + scale);
        }
        return forScale((double) scale);
    }

    /**
     * A plan for any scale from {@link #MIN_SCALE} to {@link #MAX_SCALE}: each table's rows are scale 1's times the
     * scale, rounded, and at least what a brokerage needs (a team, a department, two brokers); a whole scale gives
     * exactly the counts it always gave, so data generated with a seed stays the same.
     */
    public static GenerationPlan forScale(double scale) {
        if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("the scale is " + MIN_SCALE + " to " + MAX_SCALE + " (" + MAX_SCALE
                    + " makes about 165 million rows), not " + scale);
        }
        return new GenerationPlan(
                Math.max(1, Math.min(2 + (int) (scale / 10), 12)),
                Math.max(1, Math.min(3 + (int) (scale / 3), 40)),
                times(4, scale, 8),
                times(5, scale, 2),
                times(1000, scale, 0),
                times(300, scale, 0),
                3,
                4,
                times(600, scale, 0),
                times(400, scale, 0),
                times(800, scale, 0),
                times(150, scale, 0),
                times(5000, scale, 0),
                times(3000, scale, 0),
                times(600, scale, 0),
                times(800, scale, 0),
                times(400, scale, 0),
                times(350, scale, 0));
    }

    /** {@code base + perScale × scale} rows, rounded, and at least one. */
    private static int times(int perScale, double scale, int base) {
        return (int) Math.max(1, Math.round(base + perScale * scale));
    }

    /**
     * A very small brokerage, about 230 rows in all (40 contacts, 10 properties, 50 notes, …): the long tail of
     * tenants a nightly batch spends most of its fixed cost on.
     */
    public static GenerationPlan tiny() {
        return new GenerationPlan(1, 1, 2, 1, 40, 10, 1, 1, 5, 10, 15, 2, 50, 30, 8, 5, 5, 4);
    }

    /**
     * Whether the plan writes rows of this table: an account generated with it gets custom fields only on the tables it
     * fills, so generating contacts alone adds no keys to the account's properties or deals.
     */
    public boolean fills(String table) {
        return switch (table) {
            case "teams" -> teams > 0;
            case "departments" -> departments > 0;
            case "brokers" -> brokers > 0;
            case "projects" -> projects > 0;
            case "contacts" -> contacts > 0;
            case "properties" -> properties > 0;
            case "deals" -> deals > 0;
            default -> throw new IllegalArgumentException("no generated table " + table);
        };
    }

    /**
     * Only contacts and what a contact row references (a team, departments, brokers, the contact lookups), with the
     * custom fields of contacts and brokers: for benchmarks of one big table.
     */
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
