package io.datadump.demo;

import static io.datadump.demo.GermanData.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.accounts.AccountNotFoundException;
import io.datadump.db.CopyWriter;
import io.datadump.db.DataAccessException;
import io.datadump.db.Handle;
import io.datadump.db.Jdbc;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.CustomFieldType;
import io.datadump.schema.CustomFields;
import io.datadump.schema.TableCatalog;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Fills an account with realistic German real-estate CRM data, deterministically for a seed: the same
 * seed into an empty database gives the same rows. Everything is written with COPY in one transaction,
 * so a failed run leaves nothing behind.
 */
public final class DemoDataGenerator {
    /** "Now" of the generated world; fixed so that output does not depend on the day it is generated. */
    static final LocalDateTime REFERENCE_NOW = LocalDateTime.of(2026, 11, 1, 0, 0);

    private static final LocalDateTime EPOCH = LocalDateTime.of(2019, 1, 1, 0, 0);

    public interface Progress {
        void table(String name, long plannedRows);

        void rows(long written);

        Progress NONE = new Progress() {
            public void table(String name, long plannedRows) {}

            public void rows(long written) {}
        };
    }

    public record Result(long rows, Duration elapsed, Map<String, Long> rowsPerTable) {
        public double rowsPerSecond() {
            return rows / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    private final Jdbc jdbc;
    private final CustomFields customFields;
    private final TableCatalog catalog;

    /** {@code jdbc} writes into the built-in CRM's schema. */
    public DemoDataGenerator(Jdbc jdbc, CustomFields customFields, TableCatalog catalog) {
        this.jdbc = jdbc;
        this.customFields = customFields;
        this.catalog = catalog;
    }

    /** How many contacts the account already has: callers generate only into accounts that lack data. */
    public long contactCount(long accountId) {
        return jdbc.queryFirst("SELECT count(*) FROM contacts WHERE account_id = ?", rs -> rs.getLong(1), accountId)
                .orElse(0L);
    }

    /** Fills the account in one transaction: all of the plan's rows, or none. */
    public Result generate(long accountId, GenerationPlan plan, long seed, Progress progress) {
        long start = System.nanoTime();
        defineCustomFields(accountId, seed, plan);
        try {
            return jdbc.inTransaction(h -> {
                var run = new Run(h.connection(), accountId, plan, seed, progress);
                run.all();
                long rows =
                        run.counts.values().stream().mapToLong(Long::longValue).sum();
                return new Result(rows, Duration.ofNanos(System.nanoTime() - start), run.counts);
            });
        } catch (DataAccessException.ForeignKeyViolation e) {
            throw new AccountNotFoundException(accountId);
        }
    }

    /** Candidate custom fields; which ones an account gets depends on the seed, so tenants differ. */
    private record Candidate(String entity, String name, String label, CustomFieldType type, List<String> options) {}

    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("contacts", "budget", "Budget", CustomFieldType.NUMBER, List.of()),
            new Candidate(
                    "contacts", "financing_confirmed", "Finanzierung bestätigt", CustomFieldType.BOOLEAN, List.of()),
            new Candidate("contacts", "move_in_date", "Einzugstermin", CustomFieldType.DATE, List.of()),
            new Candidate(
                    "contacts",
                    "preferred_districts",
                    "Wunschbezirke",
                    CustomFieldType.MULTISELECT,
                    List.of("Mitte", "Schwabing", "Altona", "Eimsbüttel", "Prenzlauer Berg", "Bogenhausen")),
            new Candidate("contacts", "lead_quality", "Lead-Qualität", CustomFieldType.SELECT, List.of("A", "B", "C")),
            new Candidate("contacts", "hobby_notes", "Interessen", CustomFieldType.STRING, List.of()),
            new Candidate(
                    "properties",
                    "energy_class",
                    "Energieeffizienzklasse",
                    CustomFieldType.SELECT,
                    List.of("A+", "A", "B", "C", "D", "E", "F", "G", "H")),
            new Candidate("properties", "last_renovation_year", "Letzte Sanierung", CustomFieldType.NUMBER, List.of()),
            new Candidate("properties", "exclusive_mandate", "Alleinauftrag", CustomFieldType.BOOLEAN, List.of()),
            new Candidate("properties", "mandate_end", "Auftragsende", CustomFieldType.DATE, List.of()),
            new Candidate(
                    "properties",
                    "parking",
                    "Stellplatz",
                    CustomFieldType.MULTISELECT,
                    List.of("Tiefgarage", "Carport", "Garage", "Außenstellplatz")),
            new Candidate("deals", "financing_bank", "Finanzierende Bank", CustomFieldType.STRING, List.of()),
            new Candidate("deals", "notary_date", "Notartermin", CustomFieldType.DATE, List.of()),
            new Candidate(
                    "deals", "reservation_fee_paid", "Reservierungsgebühr bezahlt", CustomFieldType.BOOLEAN, List.of()),
            new Candidate("projects", "completion_year", "Fertigstellung", CustomFieldType.NUMBER, List.of()),
            new Candidate("brokers", "license_number", "Erlaubnis nach §34c", CustomFieldType.STRING, List.of()));

    private void defineCustomFields(long accountId, long seed, GenerationPlan plan) {
        var r = new SplittableRandom(seed * 31 + 7);
        var existing = customFields.list(accountId, null).stream()
                .map(d -> d.entity() + "." + d.name())
                .toList();
        for (Candidate c : CANDIDATES) {
            boolean wanted =
                    r.nextInt(100) < 70 || c.name().equals("budget") || c.name().equals("energy_class");
            if (wanted && plan.fills(c.entity()) && !existing.contains(c.entity() + "." + c.name())) {
                customFields.define(accountId, c.entity(), c.name(), c.label(), c.type(), c.options());
            }
        }
    }

    /** One generation run: the connection, the random streams and the ids created so far. */
    private final class Run {
        final Connection c;
        final long account;
        final GenerationPlan plan;
        final long seed;
        final Progress progress;
        final Map<String, Long> counts = new LinkedHashMap<>();

        long[] clientStatuses, clientSources, clientReasons, reservationReasons, propertyStatuses, groups;
        long[] teams, departments, brokers, projects, contacts, properties, pipelines, deals, messages;
        /** An e-mail sent to a contact, through which its consent (a policy) was given. */
        final Map<Long, Long> messageOfContact = new HashMap<>();
        /** The project of each property and the property of each deal, where they have one. */
        Long[] propertyProject, dealProperty;

        long[][] stagesOfPipeline;
        int[][] stageChance;
        City[] contactCity, propertyCity, projectCity;
        String[] contactName, contactEmail;

        Run(Connection c, long account, GenerationPlan plan, long seed, Progress progress) {
            this.c = c;
            this.account = account;
            this.plan = plan;
            this.seed = seed;
            this.progress = progress;
        }

        SplittableRandom random(String table) {
            return new SplittableRandom(seed ^ (table.hashCode() * 0x9E3779B97F4A7C15L));
        }

        void all() throws SQLException {
            customFieldDefs.putAll(catalog.customFields(Handle.on(c), account));
            lookups();
            teams();
            departments();
            brokers();
            projects();
            contacts();
            properties();
            propertyDetails();
            images();
            documents();
            if (plan.deals() > 0) pipelines(); // only deals reference them
            deals();
            commissionSplits();
            appointments();
            cancelations();
            notes();
            messages();
            todos();
            policies();
            relationships();
            savedQueries();
        }

        // ------------------------------------------------------------ helpers

        long[] reserveIds(String table, int n) throws SQLException {
            long[] ids = new long[n];
            if (n == 0) return ids;
            try (var ps =
                    c.prepareStatement("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)")) {
                ps.setString(1, table);
                ps.setInt(2, n);
                try (var rs = ps.executeQuery()) {
                    for (int i = 0; rs.next(); i++) ids[i] = rs.getLong(1);
                }
            }
            return ids;
        }

        CopyWriter copy(String table, String columns, long planned) throws SQLException {
            progress.table(table, planned);
            return new CopyWriter(c, table, "account_id, " + columns);
        }

        void done(String table, CopyWriter w) throws SQLException {
            w.close();
            counts.merge(table, w.rows(), Long::sum);
        }

        void row(CopyWriter w) throws SQLException {
            w.endRow();
            if ((w.rows() & 1023) == 0) progress.rows(1024);
        }

        LocalDateTime time(SplittableRandom r, LocalDateTime from, LocalDateTime to) {
            long span = ChronoUnit.MICROS.between(from, to);
            return from.plus(span <= 0 ? 0 : r.nextLong(span), ChronoUnit.MICROS);
        }

        LocalDateTime created(SplittableRandom r) {
            return time(r, EPOCH, REFERENCE_NOW.minusDays(1));
        }

        LocalDateTime updated(SplittableRandom r, LocalDateTime created) {
            return r.nextInt(4) == 0 ? created : time(r, created, REFERENCE_NOW);
        }

        long any(SplittableRandom r, long[] ids) {
            return ids[r.nextInt(ids.length)];
        }

        Long maybe(SplittableRandom r, long[] ids, int percent) {
            return ids.length == 0 || r.nextInt(100) >= percent ? null : ids[r.nextInt(ids.length)];
        }

        long[] some(SplittableRandom r, long[] ids, int max) {
            if (ids.length == 0) return new long[0];
            int n = r.nextInt(max + 1);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = ids[r.nextInt(ids.length)];
            Arrays.sort(out);
            return Arrays.stream(out).distinct().toArray();
        }

        /** An amount from min to max in steps of step. */
        String money(SplittableRandom r, int min, int max, int step) {
            return Long.toString(min + (long) r.nextInt((max - min) / step + 1) * step);
        }

        String phone(SplittableRandom r, City city) {
            return "+49 " + city.areaCode() + " " + (1000000 + r.nextInt(8999999));
        }

        String cell(SplittableRandom r) {
            return "+49 1" + (50 + r.nextInt(30)) + " " + (1000000 + r.nextInt(8999999));
        }

        String zip(SplittableRandom r, City city) {
            return String.format("%05d", city.zipFrom() + r.nextInt(city.zipTo() - city.zipFrom() + 1));
        }

        String houseNumber(SplittableRandom r) {
            int n = 1 + r.nextInt(180);
            return r.nextInt(8) == 0 ? n + String.valueOf((char) ('a' + r.nextInt(3))) : Integer.toString(n);
        }

        double coord(SplittableRandom r, double center) {
            return Math.round((center + (r.nextDouble() - 0.5) * 0.2) * 100000) / 100000.0;
        }

        String customFieldJson(SplittableRandom r, String entity) {
            // Loaded before any COPY starts: a connection cannot run queries while a COPY is open.
            List<CustomFieldDefinition> defs = customFieldDefs.getOrDefault(entity, List.of());
            ObjectNode values = JsonNodeFactory.instance.objectNode(); // Jackson escapes what a value holds
            for (CustomFieldDefinition d : defs) {
                if (r.nextInt(100) >= 70) continue; // unset
                switch (d.type()) {
                    case STRING -> values.put(d.name(), stringFor(r, d.name()));
                    case NUMBER -> values.put(d.name(), new BigDecimal(numberFor(r, d.name())));
                    case BOOLEAN -> values.put(d.name(), r.nextBoolean());
                    case DATE ->
                        values.put(
                                d.name(),
                                LocalDate.of(2025, 1, 1)
                                        .plusDays(r.nextInt(900))
                                        .toString());
                    case SELECT ->
                        values.put(
                                d.name(), d.options().get(r.nextInt(d.options().size())));
                    case MULTISELECT -> {
                        ArrayNode chosen = values.putArray(d.name());
                        for (String o : d.options()) if (r.nextInt(3) == 0) chosen.add(o);
                    }
                }
            }
            return values.toString();
        }

        final Map<String, List<CustomFieldDefinition>> customFieldDefs = new LinkedHashMap<>();

        String stringFor(SplittableRandom r, String field) {
            return switch (field) {
                case "financing_bank" ->
                    pick(r, new String[] {
                        "Sparkasse", "Deutsche Bank", "Commerzbank", "ING", "DKB", "Volksbank", "HypoVereinsbank"
                    });
                case "license_number" -> "34c-" + (100000 + r.nextInt(899999));
                default ->
                    pick(r, new String[] {"Segeln", "Golf", "Kunst", "Oper", "Tennis", "Reisen", "Wein", "Fußball"});
            };
        }

        String numberFor(SplittableRandom r, String field) {
            return switch (field) {
                case "budget" -> money(r, 150000, 2500000, 5000);
                case "last_renovation_year", "completion_year" -> Integer.toString(1990 + r.nextInt(37));
                default -> Integer.toString(r.nextInt(1000));
            };
        }

        // ------------------------------------------------------------ tables

        long[] lookup(String table, String[] names) throws SQLException {
            try (var ps = c.prepareStatement("SELECT id FROM " + table + " WHERE account_id = ? ORDER BY id")) {
                ps.setLong(1, account);
                try (var rs = ps.executeQuery()) {
                    List<Long> ids = new ArrayList<>();
                    while (rs.next()) ids.add(rs.getLong(1));
                    if (!ids.isEmpty())
                        return ids.stream().mapToLong(Long::longValue).toArray();
                }
            }
            long[] ids = reserveIds(table, names.length);
            var w = copy(table, "id, name, position, created_at, updated_at", names.length);
            for (int i = 0; i < names.length; i++) {
                w.value(account)
                        .value(ids[i])
                        .value(names[i])
                        .value(i)
                        .value(EPOCH)
                        .value(EPOCH);
                row(w);
            }
            done(table, w);
            return ids;
        }

        void lookups() throws SQLException {
            clientStatuses = lookup("client_statuses", CLIENT_STATUSES);
            clientSources = lookup("client_sources", CLIENT_SOURCES);
            clientReasons = lookup("client_reasons", CLIENT_REASONS);
            reservationReasons = lookup("reservation_reasons", RESERVATION_REASONS);
            propertyStatuses = lookup("property_statuses", PROPERTY_STATUSES);
            groups = lookup("groups", GROUPS);
        }

        void teams() throws SQLException {
            var r = random("teams");
            teams = reserveIds("teams", plan.teams());
            var w = copy(
                    "teams",
                    "id, name, position, logo_url, cancellation_policy_note, imprint_note, terms_note, privacy_note, "
                            + "email, phone, street, house_number, zip_code, city, country, website, commercial_register, "
                            + "vat_id, created_at, updated_at",
                    teams.length);
            for (int i = 0; i < teams.length; i++) {
                City city = CITIES[i % CITIES.length];
                String name = pick(r, LAST) + " Immobilien " + city.name()
                        + (i >= CITIES.length ? " " + (i / CITIES.length + 1) : "") + " GmbH";
                String email = "info-" + (i + 1) + "@example.de";
                String phone = phone(r, city);
                String street = pick(r, city.streets()), number = houseNumber(r), zip = zip(r, city);
                String register = "HRB " + (10000 + r.nextInt(200000)),
                        vatId = "DE" + (100000000 + r.nextInt(899999999));
                String website = "https://www.example.de/" + ascii(city.name());
                var created = created(r);
                w.value(account)
                        .value(teams[i])
                        .value(name)
                        .value((long) i)
                        .value(
                                r.nextInt(5) == 0
                                        ? null
                                        : "https://images.example.com/" + account + "/teams/" + teams[i] + "/logo.png")
                        .value(
                                "<p>Widerrufsbelehrung: Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen "
                                        + "diesen Vertrag zu widerrufen. Der Widerruf ist zu richten an " + name + ", "
                                        + street + " "
                                        + number + ", " + zip + " " + city.name() + ", " + email + ".</p>")
                        .value("<p>" + name + "<br>" + street + " " + number + "<br>" + zip + " " + city.name()
                                + "<br>Telefon: " + phone + "<br>E-Mail: " + email + "<br>Registergericht: Amtsgericht "
                                + city.name() + ", " + register + "<br>USt-IdNr.: " + vatId + "</p>")
                        .value(
                                r.nextInt(4) == 0
                                        ? null
                                        : "<p>Es gelten die Allgemeinen Geschäftsbedingungen der " + name + ". "
                                                + prose(r, 120) + "</p>")
                        .value("<p>Verantwortlich für die Datenverarbeitung ist die " + name + ". " + prose(r, 160)
                                + "</p>")
                        .value(email)
                        .value(phone)
                        .value(street)
                        .value(number)
                        .value(zip)
                        .value(city.name())
                        .value(city.country())
                        .value(website)
                        .value(register)
                        .value(vatId)
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("teams", w);
        }

        void departments() throws SQLException {
            var r = random("departments");
            departments = reserveIds("departments", plan.departments());
            String[] names = {
                "Vertrieb Wohnen", "Vermietung", "Gewerbe", "Neubau", "Akquise", "Bewertung", "Investment", "Backoffice"
            };
            var w = copy("departments", "id, team_id, name, position, created_at, updated_at", departments.length);
            for (int i = 0; i < departments.length; i++) {
                var created = created(r);
                String name = names[i % names.length] + (i >= names.length ? " " + (i / names.length + 1) : "");
                w.value(account)
                        .value(departments[i])
                        .value(teams[i % teams.length])
                        .value(name)
                        .value((long) i)
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("departments", w);
        }

        void brokers() throws SQLException {
            var r = random("brokers");
            brokers = reserveIds("brokers", plan.brokers());
            var w = copy(
                    "brokers",
                    "id, team_id, department_ids, salutation, academic_title, first_name, last_name, name, email, "
                            + "public_email, phone, cell, position, abbreviation, role, locale, time_zone, archived, last_logged_in_at, "
                            + "public_phone, public_cell, avatar_url, color, abstract, description, old_crm_id, connected, "
                            + "custom_fields, created_at, updated_at",
                    brokers.length);
            String[] positions = {
                "Immobilienmakler",
                "Senior Makler",
                "Vertriebsleiter",
                "Assistenz",
                "Geschäftsführer",
                "Vermietungsmanager"
            };
            for (int i = 0; i < brokers.length; i++) {
                boolean male = r.nextBoolean();
                String first = pick(r, male ? MALE : FEMALE), last = pick(r, LAST);
                String email = ascii(first) + "." + ascii(last) + i + "@example-makler.de";
                var created = created(r);
                City city = CITIES[i % CITIES.length];
                w.value(account)
                        .value(brokers[i])
                        .value(teams[i % teams.length])
                        .ids(departments[i % departments.length])
                        .value(male ? "mr" : "ms")
                        .value(r.nextInt(12) == 0 ? pick(r, ACADEMIC) : null)
                        .value(first)
                        .value(last)
                        .value(first + " " + last)
                        .value(email)
                        .value(r.nextBoolean() ? email : null)
                        .value(phone(r, city))
                        .value(cell(r))
                        .value(i == 0 ? "Geschäftsführer" : pick(r, positions))
                        .value(("" + first.charAt(0) + last.charAt(0)).toUpperCase())
                        .value(i == 0 ? "admin" : "broker")
                        .value("de")
                        .value("Europe/Berlin")
                        .value(i > 3 && r.nextInt(15) == 0)
                        .value(time(r, REFERENCE_NOW.minusDays(30), REFERENCE_NOW))
                        .value(r.nextInt(3) == 0 ? null : phone(r, city))
                        .value(r.nextInt(3) == 0 ? null : cell(r))
                        .value(
                                r.nextInt(4) == 0
                                        ? null
                                        : "https://images.example.com/" + account + "/brokers/" + brokers[i]
                                                + "/avatar.jpg")
                        .value(BROKER_COLORS[i % BROKER_COLORS.length])
                        .value(
                                r.nextInt(3) == 0
                                        ? null
                                        : first + " ist Ihr Ansprechpartner für Immobilien in " + city.name() + ".")
                        .value(r.nextInt(2) == 0 ? null : "<p>" + prose(r, 200 + r.nextInt(300)) + "</p>")
                        .value(r.nextInt(5) == 0 ? "ALT-" + (4000 + i) : null)
                        .value(r.nextInt(10) < 7)
                        .value(customFieldJson(r, "brokers"))
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("brokers", w);
        }

        void projects() throws SQLException {
            var r = random("projects");
            projects = reserveIds("projects", plan.projects());
            projectCity = new City[projects.length];
            var w = copy(
                    "projects",
                    "id, name, title, project_id, status, broker_id, location_id, for_rent, courtage, courtage_note, "
                            + "description_note, location_note, furnishing_note, note, warning_notice, construction_year, "
                            + "department_ids, street, house_number, zip_code, city, sublocality_level_1, country, address, "
                            + "hide_address, lat, lng, units_count, archived, custom_fields, created_at, updated_at",
                    projects.length);
            String[] kinds = {"Wohnpark", "Quartier", "Stadthäuser", "Residenz", "Lofts", "Gärten", "Carré", "Höfe"};
            String[] statuses = {"ACQUISITION", "PROGRESS", "SALES", "SALES", "SOLD"};
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < projects.length; i++) {
                City city = pick(r, CITIES);
                projectCity[i] = city;
                String district = pick(r, city.districts()), kind = pick(r, kinds);
                String street = pick(r, city.streets()), number = houseNumber(r), zip = zip(r, city);
                boolean forRent = r.nextInt(5) == 0;
                var created = created(r);
                w.value(account)
                        .value(projects[i])
                        .value(district + " " + kind)
                        .value(kind + " im Herzen von " + district)
                        .value(projectCode(district + " " + kind, codes))
                        .value(pick(r, statuses))
                        .value(any(r, brokers))
                        .value((long) (1 + r.nextInt(200)))
                        .value(forRent)
                        .value(
                                forRent
                                        ? "provisionsfrei"
                                        : pick(r, new String[] {"3,57 % inkl. MwSt.", "2,38 % inkl. MwSt."}))
                        .value(
                                r.nextInt(2) == 0
                                        ? null
                                        : "Die Provision ist mit Abschluss des notariellen Kaufvertrags fällig.")
                        .value(prose(r, 300))
                        .value(prose(r, 150))
                        .value(r.nextInt(3) == 0 ? null : prose(r, 150))
                        .value(r.nextInt(3) == 0 ? prose(r, 80) : null)
                        .value(
                                r.nextInt(12) == 0
                                        ? "Achtung: Besichtigungen nur nach Absprache mit der Bauleitung."
                                        : null)
                        .value((long) (2020 + r.nextInt(9)))
                        .ids(some(r, departments, 2))
                        .value(street)
                        .value(number)
                        .value(zip)
                        .value(city.name())
                        .value(district)
                        .value("DEU")
                        .value(street + " " + number + ", " + zip + " " + city.name())
                        .value(r.nextInt(8) == 0)
                        .value(coord(r, city.lat()))
                        .value(coord(r, city.lng()))
                        .value((long) (6 + r.nextInt(120)))
                        .value(r.nextInt(10) == 0)
                        .value(customFieldJson(r, "projects"))
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("projects", w);
        }

        /** "Lindenhof Höfe" → "LH" (then "LH2", …): the kind of short code brokers give their projects. */
        String projectCode(String name, Set<String> used) {
            StringBuilder sb = new StringBuilder();
            for (String word : name.split("[\\s-]+")) {
                if (!word.isEmpty()) sb.append(Character.toUpperCase(word.charAt(0)));
            }
            String code = sb.toString();
            for (int n = 2; !used.add(code); n++) code = sb + Integer.toString(n);
            return code;
        }

        void contacts() throws SQLException {
            var r = random("contacts");
            contacts = reserveIds("contacts", plan.contacts());
            contactCity = new City[contacts.length];
            contactName = new String[contacts.length];
            contactEmail = new String[contacts.length];
            var w = copy(
                    "contacts",
                    "id, academic_title, archived, birth_name, broker_id, broker_ids, children_count, "
                            + "client_reason_id, client_source_id, client_status_id, commercial, company, confirmed_at, "
                            + "cp_delete_request_date, created_at, creator_id, deleted_at, department_ids, description, dob, "
                            + "email, emails, equity, first_name, gdpr_status, has_protection, home_cell, home_city, "
                            + "home_country, home_house_number, home_phone, home_street, home_url, home_zip_code, keep_data_till, "
                            + "last_contact_at, last_name, locale, nationality, newsletter, office_city, office_phone, "
                            + "office_street, office_house_number, office_zip_code, office_country, old_crm_id, parent_id, "
                            + "position, preferred_contact_channel, property_mailing_wanted, rating, salutation, score, "
                            + "second_broker_id, tags, updated_at, updater_id, mvsigned, hvsigned, newsletter_unsubscribed, "
                            + "from_website, home_address_validated, group_ids, custom_fields",
                    contacts.length);
            String[] channels = {"account_email", "phone", "cell", "letter", "email"};
            String[] tags = {"Kaufinteressent", "Mietinteressent", "Verkäufer", "Vermieter", "Investor", "Warm", "Kalt"
            };
            String[] jobs = {
                "Manager",
                "Ärztin",
                "Ingenieur",
                "Lehrerin",
                "Rechtsanwalt",
                "Architektin",
                "Beamter",
                "Selbstständig",
                "Rentner",
                "Studentin"
            };
            for (int i = 0; i < contacts.length; i++) {
                boolean male = r.nextBoolean();
                boolean commercial = r.nextInt(12) == 0;
                String first = pick(r, male ? MALE : FEMALE), last = pick(r, LAST);
                City city = pick(r, CITIES);
                contactCity[i] = city;
                contactName[i] = first + " " + last;
                String email = ascii(first) + "." + ascii(last) + (i % 97) + "@"
                        + pick(r, new String[] {"example.com", "example.de", "example.org", "example.net"});
                contactEmail[i] = email;
                var created = created(r);
                boolean deleted = r.nextInt(40) == 0;
                long broker = any(r, brokers);
                w.value(account)
                        .value(contacts[i])
                        .value(r.nextInt(15) == 0 ? pick(r, ACADEMIC) : null)
                        .value(r.nextInt(20) == 0)
                        .value(!male && r.nextInt(5) == 0 ? pick(r, LAST) : null)
                        .value(broker)
                        .ids(some(r, brokers, 2))
                        .value((long) (r.nextInt(4) == 0 ? r.nextInt(4) : 0))
                        .value(maybe(r, clientReasons, 50))
                        .value(maybe(r, clientSources, 85))
                        .value(maybe(r, clientStatuses, 90))
                        .value(commercial)
                        .value(
                                commercial || r.nextInt(6) == 0
                                        ? pick(r, LAST) + " "
                                                + pick(r, new String[] {
                                                    "GmbH", "AG", "KG", "& Partner", "Immobilien GmbH"
                                                })
                                        : null)
                        .value(r.nextInt(3) == 0 ? time(r, created, REFERENCE_NOW) : null)
                        .value(r.nextInt(200) == 0 ? LocalDate.of(2026, 1, 1).plusDays(r.nextInt(300)) : null)
                        .value(created)
                        .value(maybe(r, brokers, 70))
                        .value(deleted ? time(r, created, REFERENCE_NOW) : null)
                        .ids(some(r, departments, 1))
                        .value(r.nextInt(3) == 0 ? prose(r, 120) : null)
                        .value(r.nextInt(3) == 0 ? LocalDate.of(1940, 1, 1).plusDays(r.nextInt(23000)) : null)
                        .value(r.nextInt(5) == 0 ? null : email)
                        .texts(r.nextInt(5) == 0 ? new String[0] : new String[] {email})
                        .decimal(r.nextInt(4) == 0 ? money(r, 10000, 500000, 1000) + ".00" : null)
                        .value(first)
                        .value((long) r.nextInt(3))
                        .value(r.nextInt(10) == 0)
                        .value(cell(r))
                        .value(city.name())
                        .value("Deutschland")
                        .value(houseNumber(r))
                        .value(r.nextInt(3) == 0 ? phone(r, city) : null)
                        .value(pick(r, city.streets()))
                        .value(r.nextInt(10) == 0 ? "www.example.com" : null)
                        .value(zip(r, city))
                        .value(r.nextInt(4) == 0 ? REFERENCE_NOW.toLocalDate().plusYears(2 + r.nextInt(4)) : null)
                        .value(time(r, created, REFERENCE_NOW))
                        .value(last)
                        .value(r.nextInt(10) == 0 ? "en" : "de")
                        .value(
                                r.nextInt(8) == 0
                                        ? pick(r, new String[] {
                                            "deutsch", "österreichisch", "türkisch", "polnisch", "italienisch"
                                        })
                                        : null)
                        .value(r.nextInt(3) == 0 ? null : r.nextBoolean());
                if (commercial) {
                    City oc = pick(r, CITIES);
                    w.value(oc.name())
                            .value(phone(r, oc))
                            .value(pick(r, oc.streets()))
                            .value(houseNumber(r))
                            .value(zip(r, oc))
                            .value("Deutschland");
                } else {
                    w.nul().nul().nul().nul().nul().nul();
                }
                w.value(r.nextInt(30) == 0 ? "ALT-" + (10000 + i) : null)
                        .value(i > 0 && r.nextInt(25) == 0 ? contacts[r.nextInt(i)] : null)
                        .value(r.nextInt(3) == 0 ? pick(r, jobs) : null)
                        .value(pick(r, channels))
                        .value(r.nextInt(3) == 0)
                        .value((long) r.nextInt(6))
                        .value(male ? "mr" : "ms")
                        .value((long) r.nextInt(101))
                        .value(maybe(r, brokers, 10))
                        .texts(r.nextInt(2) == 0 ? new String[0] : new String[] {pick(r, tags)})
                        .value(updated(r, created))
                        .value(maybe(r, brokers, 60))
                        .value(r.nextInt(10) == 0)
                        .value(r.nextInt(10) == 0)
                        .value(r.nextInt(30) == 0)
                        .value(r.nextInt(4) == 0)
                        .value(r.nextInt(3) != 0)
                        .ids(some(r, groups, 2))
                        .value(customFieldJson(r, "contacts"));
                row(w);
            }
            done("contacts", w);
        }

        void properties() throws SQLException {
            var r = random("properties");
            properties = reserveIds("properties", plan.properties());
            propertyCity = new City[properties.length];
            propertyProject = new Long[properties.length];
            var w = copy(
                    "properties",
                    "id, address, administrative_area_level_1, archived, base_rent, broker_id, brokers, city, "
                            + "country, courtage, created_at, creator_id, deleted_at, department_ids, exposee_id, featured, has_courtage, "
                            + "hide_address, house_number, is24_id, lat, living_space, lng, locale, location_id, marketing_type, "
                            + "number_of_rooms, object_type, plot_area, price, project_id, property_status_id, rs_type, start_rental_date, "
                            + "statistics, street, sublocality_level_1, unit_id, updated_at, zip_code, lift, floor, cellar, garden, "
                            + "rented, balcony, terrace, condition, guest_toilet, heating_type, firing_types, total_rent, other_costs, "
                            + "rent_subsidy, flooring_type, heating_costs, rental_income, apartment_type, service_charge, built_in_kitchen, "
                            + "interior_quality, number_of_floors, construction_year, maintenance_reserve, energy_certificate_availability, "
                            + "barrier_free, group_ids, custom_fields",
                    properties.length);
            for (int i = 0; i < properties.length; i++) {
                City city = pick(r, CITIES);
                propertyCity[i] = city;
                boolean rent = r.nextInt(3) == 0;
                String rsType = rent ? "APARTMENT" : pick(r, RS_TYPES_BUY);
                boolean house = rsType.equals("HOUSE");
                int space = house ? 90 + r.nextInt(180) : 28 + r.nextInt(150);
                String rooms = house
                        ? Integer.toString(4 + r.nextInt(5))
                        : (1 + r.nextInt(5)) + (r.nextInt(4) == 0 ? ".5" : "");
                int pricePerSqm = city == MUNICH
                        ? 9000 + r.nextInt(5000)
                        : city == HAMBURG ? 5500 + r.nextInt(4000) : 4500 + r.nextInt(4000);
                long price = Math.round(space * (long) pricePerSqm / 1000.0) * 1000;
                double baseRent = Math.round(space * (city == MUNICH ? 21 : 15 + r.nextInt(6)) * 100) / 100.0;
                double serviceCharge = Math.round(space * (2.5 + r.nextDouble() * 2) * 100) / 100.0;
                double heatingCosts = Math.round(space * 1.2 * 100) / 100.0;
                var created = created(r);
                boolean deleted = r.nextInt(50) == 0;
                String street = pick(r, city.streets());
                String number = houseNumber(r);
                String zip = zip(r, city);
                String district = pick(r, city.districts());
                w.value(account)
                        .value(properties[i])
                        .value(street + " " + number + ", " + zip + " " + city.name())
                        .value(city.state())
                        .value(r.nextInt(15) == 0)
                        .decimal(rent ? Double.toString(baseRent) : null)
                        .value(any(r, brokers))
                        .ids(some(r, brokers, 2))
                        .value(city.name())
                        .value("DEU")
                        .value(
                                rent
                                        ? null
                                        : pick(r, new String[] {
                                            "3,57 % inkl. MwSt.", "2,38 % inkl. MwSt.", "provisionsfrei für Käufer"
                                        }))
                        .value(created)
                        .value(maybe(r, brokers, 80))
                        .value(deleted ? time(r, created, REFERENCE_NOW) : null)
                        .ids(some(r, departments, 1))
                        .value(r.nextInt(4) == 0 ? "EXP-" + (1000 + i) : null)
                        .value(r.nextInt(12) == 0)
                        .value(!rent)
                        .value(r.nextInt(5) == 0)
                        .value(number)
                        .value(r.nextInt(2) == 0 ? Long.toString(100000000L + r.nextInt(899999999)) : null)
                        .value(coord(r, city.lat()))
                        .decimal(Integer.toString(space))
                        .value(coord(r, city.lng()))
                        .value("de")
                        .value((long) (1 + r.nextInt(200)))
                        .value(rent ? "RENT" : "BUY")
                        .decimal(rooms)
                        .value(
                                rsType.equals("TRADE_SITE")
                                        ? "TRADE"
                                        : rsType.equals("INVESTMENT") ? "INVESTMENT" : "LIVING")
                        .decimal(house || rsType.equals("TRADE_SITE") ? Integer.toString(200 + r.nextInt(1200)) : null)
                        .decimal(rent ? null : Long.toString(price))
                        .value(propertyProject[i] = projects.length > 0 && r.nextInt(6) == 0 ? any(r, projects) : null)
                        .value(any(r, propertyStatuses))
                        .value(rsType)
                        .value(rent ? REFERENCE_NOW.toLocalDate().plusDays(r.nextInt(120)) : null)
                        .value("{\"views\":" + r.nextInt(5000) + ",\"inquiries\":" + r.nextInt(120) + "}")
                        .value(street)
                        .value(district)
                        .value(Integer.toString(1000 + i))
                        .value(updated(r, created))
                        .value(zip)
                        .value(r.nextInt(3) == 0)
                        .value(house ? null : (long) r.nextInt(7))
                        .value(r.nextInt(2) == 0)
                        .value(house && r.nextInt(3) != 0)
                        .value(!rent && r.nextInt(4) == 0)
                        .value(r.nextInt(2) == 0)
                        .value(r.nextInt(4) == 0)
                        .value(pick(r, CONDITIONS))
                        .value(r.nextInt(3) == 0)
                        .value(pick(r, HEATING))
                        .value(pick(r, FIRING))
                        .value(rent ? baseRent + serviceCharge + heatingCosts : null)
                        .value(rent ? Math.round(r.nextDouble() * 50000) / 100.0 : null)
                        .value(r.nextInt(40) == 0 ? (double) (500 + r.nextInt(800)) : null)
                        .texts(r.nextInt(3) == 0 ? new String[0] : new String[] {pick(r, FLOORING)})
                        .value(heatingCosts)
                        .value(!rent && r.nextInt(5) == 0 ? Math.round(price * 0.035 * 100) / 100.0 : null)
                        .value(house ? null : pick(r, APARTMENT_TYPES))
                        .value(serviceCharge)
                        .value(r.nextInt(2) == 0)
                        .value(pick(r, QUALITY))
                        .value((long) (house ? 2 + r.nextInt(2) : 3 + r.nextInt(6)))
                        .value((long) (1890 + r.nextInt(136)))
                        .value(house ? null : Math.round(space * 0.8 * 100) / 100.0)
                        .value(pick(r, ENERGY_AVAILABILITY))
                        .value(r.nextInt(8) == 0)
                        .ids(some(r, groups, 1))
                        .value(customFieldJson(r, "properties"));
                row(w);
            }
            done("properties", w);
        }

        void propertyDetails() throws SQLException {
            var r = random("property_details");
            // Every property has a title and a description; its third text rotates through the others, so the
            // account holds every text name Propstack has.
            String[][] fields = {
                {"title", "Überschrift"},
                {"description_note", "Objektbeschreibung"},
                {"location_note", "Lage"},
                {"furnishing_note", "Ausstattung"},
                {"other_note", "Sonstiges"},
                {"courtage", "Provision"},
                {"courtage_note", "Provisionshinweis"},
                {"long_description_note", "Objektbeschreibung (lang)"},
                {"long_location_note", "Lage (lang)"},
                {"long_furnishing_note", "Ausstattung (lang)"},
                {"long_other_note", "Sonstiges (lang)"}
            };
            int per = Math.min(plan.propertyDetailsPerProperty(), fields.length);
            long[] ids = reserveIds("property_details", properties.length * per);
            List<long[]> translated = new ArrayList<>();
            var w = copy(
                    "property_details",
                    "id, property_id, name, label, locale, value, created_at, updated_at",
                    ids.length);
            for (int i = 0; i < ids.length; i++) {
                int p = i / per, k = i % per;
                String[] field = k < 2 || per < 3 ? fields[k] : fields[2 + (p + k - 2) % (fields.length - 2)];
                var created = created(r);
                w.value(account)
                        .value(ids[i])
                        .value(properties[p])
                        .value(field[0])
                        .value(field[1])
                        .value("de")
                        .value(propertyText(r, field[0]))
                        .value(created)
                        .value(updated(r, created));
                row(w);
                if (r.nextInt(5) < 2) translated.add(new long[] {ids[i], created.toEpochSecond(ZoneOffset.UTC)});
            }
            done("property_details", w);
            var t = copy(
                    "property_detail_translations",
                    "property_detail_id, locale, value, created_at, updated_at",
                    translated.size());
            String[] english = {
                "Bright apartment in a well-kept period building.",
                "Excellent public transport connections.",
                "Fitted kitchen included in the price.",
                "South-facing balcony with a view of the courtyard garden.",
                "Schools, nurseries and shops within walking distance."
            };
            for (long[] d : translated) {
                var created =
                        LocalDateTime.ofEpochSecond(d[1], 0, ZoneOffset.UTC).plusDays(1 + r.nextInt(20));
                StringBuilder body = new StringBuilder();
                for (int k = 0; k < 2 + r.nextInt(4); k++)
                    body.append(k > 0 ? " " : "").append(pick(r, english));
                t.value(account)
                        .value(d[0])
                        .value("en")
                        .value(body.toString())
                        .value(created)
                        .value(created);
                row(t);
            }
            done("property_detail_translations", t);
        }

        String propertyText(SplittableRandom r, String name) {
            return switch (name) {
                case "title" ->
                    pick(r, new String[] {"Helle", "Großzügige", "Charmante", "Moderne", "Ruhige"}) + " "
                            + pick(r, new String[] {
                                "Wohnung", "Maisonette", "Altbauwohnung", "Dachgeschosswohnung", "Doppelhaushälfte"
                            })
                            + " "
                            + pick(r, new String[] {
                                "mit Balkon", "in Top-Lage", "mit Garten", "nahe dem Park", "mit Einbauküche"
                            });
                case "courtage" ->
                    pick(r, new String[] {"3,57 % inkl. MwSt.", "2,38 % inkl. MwSt.", "provisionsfrei für Käufer"});
                case "courtage_note" ->
                    "Die Provision ist mit Abschluss des notariellen Kaufvertrags verdient und fällig.";
                default -> prose(r, name.startsWith("long_") ? 600 + r.nextInt(900) : 200 + r.nextInt(600));
            };
        }

        void images() throws SQLException {
            var r = random("images");
            int perProperty = plan.imagesPerProperty();
            int perProject = Math.max(1, perProperty / 2);
            int total = properties.length * perProperty + projects.length * perProject;
            var w = copy(
                    "images",
                    "imageable_type, imageable_id, title, url, position, width, height, is_private, is_floorplan, "
                            + "is_not_for_exposee, tags, connection_ids, created_at, updated_at",
                    total);
            String[] titles = {
                "Wohnzimmer",
                "Küche",
                "Bad",
                "Schlafzimmer",
                "Balkon",
                "Außenansicht",
                "Grundriss",
                "Garten",
                "Flur",
                "Kinderzimmer"
            };
            String[] tags = {"Titelbild", "Innen", "Außen", "Exposé", "Portal"};
            // the properties of each project: a project image may be shared with them (connection_ids)
            Map<Long, List<Long>> unitsOfProject = new LinkedHashMap<>();
            for (int p = 0; p < properties.length; p++) {
                if (propertyProject[p] != null)
                    unitsOfProject
                            .computeIfAbsent(propertyProject[p], k -> new ArrayList<>())
                            .add(properties[p]);
            }
            for (int i = 0; i < total; i++) {
                boolean ofProperty = i < properties.length * perProperty;
                int n = ofProperty ? perProperty : perProject;
                int index = ofProperty ? i : i - properties.length * perProperty;
                int owner = index / n, pos = index % n;
                long ownerId = ofProperty ? properties[owner] : projects[owner];
                var created = created(r);
                String title = ofProperty && pos == n - 1
                        ? "Grundriss"
                        : pick(r, ofProperty ? titles : new String[] {"Außenansicht", "Visualisierung", "Lageplan"});
                long[] connections = new long[0];
                if (!ofProperty && r.nextBoolean()) {
                    List<Long> units = unitsOfProject.getOrDefault(ownerId, List.of());
                    connections =
                            units.stream().mapToLong(Long::longValue).limit(3).toArray();
                }
                w.value(account)
                        .value(ofProperty ? "Property" : "Project")
                        .value(ownerId)
                        .value(title)
                        .value("https://images.example.com/" + account + (ofProperty ? "/properties/" : "/projects/")
                                + ownerId + "/" + (pos + 1) + ".jpg")
                        .value((long) pos)
                        .value(1600L)
                        .value(r.nextBoolean() ? 1067L : 1200L)
                        .value(r.nextInt(20) == 0)
                        .value(title.equals("Grundriss"))
                        .value(r.nextInt(25) == 0)
                        .texts(
                                pos == 0
                                        ? new String[] {"Titelbild"}
                                        : r.nextInt(3) == 0 ? new String[] {pick(r, tags)} : new String[0])
                        .ids(connections)
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("images", w);
        }

        void documents() throws SQLException {
            var r = random("documents");
            var w = copy(
                    "documents",
                    "token, position, folder_id, on_landing_page, second_document, is_floorplan, name, title, content_type, "
                            + "size, url, broker_id, client_id, property_id, project_id, is_private, is_exposee, tags, created_at, updated_at",
                    plan.documents());
            String[][] kinds = {
                {"Expose", "application/pdf", "Exposé"},
                {"Grundbuchauszug", "application/pdf", "Grundbuch"},
                {"Energieausweis", "application/pdf", "Energieausweis"},
                {"Teilungserklaerung", "application/pdf", "Teilungserklärung"},
                {"Personalausweis", "image/jpeg", "Identität"},
                {"Finanzierungsbestaetigung", "application/pdf", "Finanzierung"},
                {"Mietvertrag", "application/pdf", "Vertrag"},
                {"Grundriss", "image/png", "Grundriss"}
            };
            Map<String, Long> positions = new HashMap<>();
            for (int i = 0; i < plan.documents(); i++) {
                String[] k = pick(r, kinds);
                boolean onContact = contacts.length > 0 && (properties.length == 0 || r.nextInt(3) == 0);
                Long contact = onContact ? any(r, contacts) : null;
                Long property = !onContact && properties.length > 0 ? any(r, properties) : null;
                long position = positions.merge(contact + "/" + property, 1L, Long::sum) - 1;
                boolean expose = k[0].equals("Expose"), floorplan = k[0].equals("Grundriss");
                String ext = k[1].equals("application/pdf") ? ".pdf" : k[1].equals("image/png") ? ".png" : ".jpg";
                var created = created(r);
                w.value(account)
                        .value(Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()))
                        .value(position)
                        .value(r.nextInt(4) == 0 ? null : (long) (1 + r.nextInt(12)))
                        .value(property != null && (expose || floorplan) && r.nextBoolean())
                        .value(expose && r.nextInt(4) == 0)
                        .value(floorplan)
                        .value(k[0] + "_" + (i + 1) + ext)
                        .value(k[0].replace("ae", "ä"))
                        .value(k[1])
                        .value((long) (20_000 + r.nextInt(8_000_000)))
                        .value("https://files.example.com/" + account + "/documents/" + (i + 1) + ext)
                        .value(any(r, brokers))
                        .value(contact)
                        .value(property)
                        .nul()
                        .value(k[0].equals("Personalausweis"))
                        .value(expose)
                        .texts(k[2])
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("documents", w);
        }

        void pipelines() throws SQLException {
            var r = random("deal_pipelines");
            String[][] defs = {
                {"Verkauf", "Anfrage", "Besichtigung", "Angebot", "Reserviert", "Notartermin", "Verkauft"},
                {"Vermietung", "Anfrage", "Besichtigung", "Bewerbung", "Zusage", "Mietvertrag"},
                {"Akquise", "Erstkontakt", "Bewertung", "Angebot", "Auftrag erteilt"}
            };
            String[] colors = {"#94a3b8", "#60a5fa", "#34d399", "#fbbf24", "#f97316", "#ef4444", "#a855f7"};
            pipelines = reserveIds("deal_pipelines", defs.length);
            stagesOfPipeline = new long[defs.length][];
            stageChance = new int[defs.length][];
            var w = copy("deal_pipelines", "id, name, position, broker_ids, created_at, updated_at", defs.length);
            for (int i = 0; i < defs.length; i++) {
                w.value(account)
                        .value(pipelines[i])
                        .value(defs[i][0])
                        .value((long) i)
                        .ids(some(r, brokers, 3))
                        .value(EPOCH)
                        .value(EPOCH);
                row(w);
            }
            done("deal_pipelines", w);
            for (int i = 0; i < defs.length; i++) stagesOfPipeline[i] = reserveIds("deal_stages", defs[i].length - 1);
            var s = copy(
                    "deal_stages", "id, deal_pipeline_id, name, position, chance, color, created_at, updated_at", 20);
            for (int i = 0; i < defs.length; i++) {
                int n = defs[i].length - 1;
                stageChance[i] = new int[n];
                for (int k = 0; k < n; k++) {
                    stageChance[i][k] = k == n - 1 ? 100 : (k + 1) * 100 / (n + 1);
                    s.value(account)
                            .value(stagesOfPipeline[i][k])
                            .value(pipelines[i])
                            .value(defs[i][k + 1])
                            .value((long) k)
                            .value((long) stageChance[i][k])
                            .value(colors[k % colors.length])
                            .value(EPOCH)
                            .value(EPOCH);
                    row(s);
                }
            }
            done("deal_stages", s);
        }

        void deals() throws SQLException {
            var r = random("deals");
            deals = reserveIds("deals", plan.deals());
            dealProperty = new Long[deals.length];
            var w = copy(
                    "deals",
                    "id, created_at, updated_at, deal_stage_id, deal_pipeline_id, deal_stage_chance, reservation_reason_id, "
                            + "client_source_id, broker_id, client_id, property_id, project_id, start_date, price, sold_price, sold_date, note, "
                            + "custom_fields",
                    deals.length);
            for (int i = 0; i < deals.length; i++) {
                int p = r.nextInt(10) < 7 ? 0 : r.nextInt(3);
                int stage = r.nextInt(stagesOfPipeline[p].length);
                boolean won = stage == stagesOfPipeline[p].length - 1;
                boolean lost = !won && r.nextInt(6) == 0;
                var created = created(r);
                String price = money(r, 180000, 1900000, 5000) + ".00";
                w.value(account)
                        .value(deals[i])
                        .value(created)
                        .value(updated(r, created))
                        .value(stagesOfPipeline[p][stage])
                        .value(pipelines[p])
                        .value((long) stageChance[p][stage])
                        .value(lost ? any(r, reservationReasons) : null)
                        .value(maybe(r, clientSources, 80))
                        .value(any(r, brokers))
                        .value(contacts.length > 0 ? any(r, contacts) : null)
                        .value(dealProperty[i] = properties.length > 0 ? any(r, properties) : null)
                        .value(maybe(r, projects, 15))
                        .value(created.toLocalDate())
                        .decimal(price)
                        .decimal(
                                won
                                        ? Long.toString(Math.round(
                                                        Double.parseDouble(price) * (0.92 + r.nextDouble() * 0.1)))
                                                + ".00"
                                        : null)
                        .value(won ? created.toLocalDate().plusDays(20 + r.nextInt(120)) : null)
                        .value(r.nextInt(3) == 0 ? prose(r, 100) : null)
                        .value(customFieldJson(r, "deals"));
                row(w);
            }
            done("deals", w);
        }

        void commissionSplits() throws SQLException {
            var r = random("commission_splits");
            // Entered on the property of a deal: one to three shares, most to brokers, some to a contact (a tipster).
            var w = copy(
                    "commission_splits",
                    "property_id, deal_id, broker_id, client_id, group_id, kind, percentage, amount, created_at, updated_at",
                    deals.length * 3L / 2);
            for (int d = 0; d < deals.length; d++) {
                if (dealProperty[d] == null) continue;
                int n = 1 + r.nextInt(3);
                String[] shares = n == 1
                        ? new String[] {"100.00"}
                        : n == 2 ? new String[] {"60.00", "40.00"} : new String[] {"50.00", "30.00", "20.00"};
                var created = created(r);
                for (int k = 0; k < n; k++) {
                    boolean toContact = k > 0 && contacts.length > 0 && r.nextInt(5) == 0;
                    w.value(account)
                            .value(dealProperty[d])
                            .value(deals[d])
                            .value(toContact ? null : any(r, brokers))
                            .value(toContact ? any(r, contacts) : null)
                            .value(maybe(r, groups, 40))
                            .value(toContact ? "referral" : k == 0 ? "seller" : "buyer")
                            .decimal(shares[k])
                            .decimal(r.nextInt(3) == 0 ? null : money(r, 2000, 60000, 10) + ".00")
                            .value(created)
                            .value(updated(r, created));
                    row(w);
                }
            }
            done("commission_splits", w);
        }

        void appointments() throws SQLException {
            var r = random("appointments");
            var w = copy(
                    "appointments",
                    "created_at, updated_at, note_type_id, starts_at, ends_at, title, body, location, broker_id, state, "
                            + "clients_ids, properties_ids, projects_ids, rrule, is_campaign, clients_status, send_reminders, all_day, private",
                    plan.appointments());
            for (int i = 0; i < plan.appointments(); i++) {
                var created = created(r);
                var starts = created.plusDays(r.nextInt(30))
                        .truncatedTo(ChronoUnit.HOURS)
                        .withHour(8 + r.nextInt(11))
                        .withMinute(r.nextInt(4) * 15);
                long[] clients = some(r, contacts, 2);
                StringBuilder status = new StringBuilder("[");
                for (int k = 0; k < clients.length; k++) {
                    if (k > 0) status.append(',');
                    status.append("{\"client_id\":")
                            .append(clients[k])
                            .append(",\"status\":\"")
                            .append(pick(r, new String[] {"accepted", "pending", "declined"}))
                            .append("\"}");
                }
                City city = propertyCity.length > 0 ? pick(r, propertyCity) : pick(r, CITIES);
                w.value(account)
                        .value(created)
                        .value(updated(r, created))
                        .value(6L)
                        .value(starts)
                        .value(starts.plusMinutes(30 + 15 * r.nextInt(6)))
                        .value(pick(r, APPOINTMENT_TITLES))
                        .value(r.nextInt(2) == 0 ? "<p>" + prose(r, 80) + "</p>" : null)
                        .value(pick(r, city.streets()) + " " + houseNumber(r) + ", " + city.name())
                        .value(any(r, brokers))
                        .value((long) (starts.isBefore(REFERENCE_NOW) ? 1 : 0))
                        .ids(clients)
                        .ids(some(r, properties, 1))
                        .ids(some(r, projects, 1))
                        .value(r.nextInt(50) == 0 ? "FREQ=WEEKLY;COUNT=4" : null)
                        .value(r.nextInt(40) == 0)
                        .value(status.append(']').toString())
                        .value(r.nextBoolean())
                        .value(r.nextInt(30) == 0)
                        .value(r.nextInt(20) == 0);
                row(w);
            }
            done("appointments", w);
        }

        void cancelations() throws SQLException {
            var r = random("cancelations");
            var w = copy(
                    "cancelations",
                    "created_at, updated_at, note_type_id, starts_at, ends_at, title, body, broker_id, state, client_ids, "
                            + "property_ids, project_ids, reservation_reason_id",
                    plan.cancelations());
            for (int i = 0; i < plan.cancelations(); i++) {
                var created = created(r);
                var starts = created.minusDays(1 + r.nextInt(5)).truncatedTo(ChronoUnit.HOURS);
                w.value(account)
                        .value(created)
                        .value(updated(r, created))
                        .value(11L)
                        .value(starts)
                        .value(starts.plusHours(1))
                        .value("Absage")
                        .value(r.nextInt(2) == 0 ? "<p>" + prose(r, 60) + "</p>" : null)
                        .value(any(r, brokers))
                        .value(0L)
                        .ids(contacts.length > 0 ? new long[] {any(r, contacts)} : new long[0])
                        .ids(properties.length > 0 ? new long[] {any(r, properties)} : new long[0])
                        .ids(some(r, projects, 1))
                        .value(any(r, reservationReasons));
                row(w);
            }
            done("cancelations", w);
        }

        void notes() throws SQLException {
            var r = random("notes");
            var w = copy(
                    "notes",
                    "note_type_id, title, body, broker_id, client_ids, property_ids, project_ids, group_ids, deal_ids, pinned, "
                            + "task_creator_id, task_updater_id, created_at, updated_at",
                    plan.notes());
            for (int i = 0; i < plan.notes(); i++) {
                var created = created(r);
                long broker = any(r, brokers);
                w.value(account)
                        .value((long) (1 + r.nextInt(5)))
                        .value(pick(r, NOTE_TITLES))
                        .value("<p>" + prose(r, 60 + r.nextInt(500)) + "</p>")
                        .value(broker)
                        .ids(some(r, contacts, 1))
                        .ids(some(r, properties, 1))
                        .ids(some(r, projects, 1))
                        .ids(r.nextInt(4) == 0 ? some(r, groups, 2) : new long[0])
                        .ids(r.nextInt(5) == 0 ? some(r, deals, 1) : new long[0])
                        .value(r.nextInt(50) == 0)
                        .value(r.nextInt(6) == 0 ? any(r, brokers) : broker)
                        .value(r.nextInt(4) == 0 ? any(r, brokers) : broker)
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("notes", w);
        }

        void messages() throws SQLException {
            var r = random("messages");
            messages = reserveIds("messages", plan.messages());
            var w = copy(
                    "messages",
                    "id, message_id, folder, from_address, to_addresses, cc_addresses, bcc_addresses, subject, body, date, read, "
                            + "has_attachments, attachments, archived, snippet_id, message_category_id, broker_id, client_ids, "
                            + "property_ids, project_ids, created_at, updated_at",
                    messages.length);
            String[][] attachmentKinds = {
                {"Expose", "application/pdf"},
                {"Grundriss", "image/png"},
                {"Energieausweis", "application/pdf"},
                {"Selbstauskunft", "application/pdf"}
            };
            for (int i = 0; i < messages.length; i++) {
                boolean inbound = r.nextBoolean();
                int contact = r.nextInt(Math.max(contacts.length, 1));
                String client = contacts.length > 0 ? contactEmail[contact] : "kunde@example.com";
                String broker = "makler" + r.nextInt(brokers.length) + "@example-makler.de";
                String name = contacts.length > 0 ? contactName[contact] : "Kundin";
                var date = created(r);
                String body = "<p>" + (inbound ? "Sehr geehrte Damen und Herren," : "Guten Tag " + name + ",")
                        + "</p><p>" + prose(r, 400 + r.nextInt(2600)) + "</p><p>Mit freundlichen Grüßen<br>"
                        + (inbound ? name : "Ihr Maklerteam") + "</p>";
                StringBuilder attachments = new StringBuilder("[");
                int files = r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0;
                for (int k = 0; k < files; k++) {
                    String[] kind = pick(r, attachmentKinds);
                    String file = kind[0] + "_" + messages[i] + "_" + (k + 1)
                            + (kind[1].equals("image/png") ? ".png" : ".pdf");
                    if (k > 0) attachments.append(',');
                    attachments
                            .append("{\"name\":\"")
                            .append(file)
                            .append("\",\"content_type\":\"")
                            .append(kind[1])
                            .append("\",\"size\":")
                            .append(20_000 + r.nextInt(3_000_000))
                            .append(",\"url\":\"https://files.example.com/")
                            .append(account)
                            .append("/messages/")
                            .append(messages[i])
                            .append('/')
                            .append(file)
                            .append("\"}");
                }
                if (contacts.length > 0 && !inbound) messageOfContact.putIfAbsent(contacts[contact], messages[i]);
                w.value(account)
                        .value(messages[i])
                        .value("<" + Long.toHexString(r.nextLong()) + "@mail.example.com>")
                        .value(inbound ? "inbox" : "sent")
                        .value(inbound ? client : broker)
                        .texts(inbound ? broker : client)
                        .texts(r.nextInt(10) == 0 ? new String[] {"office@example-makler.de"} : new String[0])
                        .texts()
                        .value((inbound ? "AW: " : "") + pick(r, SUBJECTS))
                        .value(body)
                        .value(date)
                        .value(!inbound || r.nextInt(5) != 0)
                        .value(files > 0)
                        .value(attachments.append(']').toString())
                        .value(r.nextInt(8) == 0)
                        .value(!inbound && r.nextInt(3) == 0 ? (long) (1 + r.nextInt(25)) : null)
                        .value(r.nextInt(3) == 0 ? null : (long) (1 + r.nextInt(6)))
                        .value(any(r, brokers))
                        .ids(contacts.length > 0 ? new long[] {contacts[contact]} : new long[0])
                        .ids(some(r, properties, 1))
                        .ids(r.nextInt(10) == 0 ? some(r, projects, 1) : new long[0])
                        .value(date)
                        .value(date);
                row(w);
            }
            done("messages", w);
        }

        void todos() throws SQLException {
            var r = random("todos");
            var w = copy(
                    "todos",
                    "note_type_id, state, title, body, is_reminder, due_date, remind_at, done, done_at, broker_id, creator_id, "
                            + "task_creator_id, task_updater_id, client_ids, property_ids, project_ids, created_at, updated_at",
                    plan.todos());
            for (int i = 0; i < plan.todos(); i++) {
                var created = created(r);
                var due = created.plusDays(1 + r.nextInt(21)).truncatedTo(ChronoUnit.HOURS);
                boolean done = due.isBefore(REFERENCE_NOW) && r.nextInt(5) != 0;
                boolean reminder = r.nextInt(3) == 0;
                long broker = any(r, brokers), creator = r.nextInt(3) == 0 ? any(r, brokers) : broker;
                w.value(account)
                        .value(7L)
                        .value(done ? 1L : 0L)
                        .value(pick(r, TODO_TITLES))
                        .value(r.nextInt(2) == 0 ? prose(r, 80) : null)
                        .value(reminder)
                        .value(due)
                        .value(reminder ? due.minusHours(2) : null)
                        .value(done)
                        .value(done ? time(r, created, due) : null)
                        .value(broker)
                        .value(creator)
                        .value(creator)
                        .value(done ? broker : r.nextInt(4) == 0 ? any(r, brokers) : creator)
                        .ids(some(r, contacts, 1))
                        .ids(some(r, properties, 1))
                        .ids(some(r, projects, 1))
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("todos", w);
        }

        void policies() throws SQLException {
            var r = random("policies");
            // Consent records: the contact accepted the revocation notice (and terms, privacy, contact) through a
            // link in one of its e-mails; some are still unread.
            int n = contacts.length == 0 ? 0 : plan.policies();
            var w = copy(
                    "policies",
                    "name, client_id, message_id, read, accept_service, accept_terms, accept_privacy, accept_contact, "
                            + "broker_id, created_at, updated_at",
                    n);
            String[] names = {"Widerrufsbelehrung", "Widerrufsbelehrung", "Kontaktfreigabe", "Datenschutzhinweis"};
            for (int i = 0; i < n; i++) {
                var created = created(r);
                int contact = r.nextInt(contacts.length);
                Long message = messageOfContact.getOrDefault(
                        contacts[contact], messages.length == 0 ? null : any(r, messages));
                w.value(account)
                        .value(pick(r, names))
                        .value(contacts[contact])
                        .value(message)
                        .value(r.nextInt(5) != 0)
                        .value(r.nextInt(10) < 9)
                        .value(r.nextInt(10) < 8)
                        .value(r.nextInt(10) < 9)
                        .value(r.nextInt(10) < 7)
                        .value(any(r, brokers))
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("policies", w);
        }

        void relationships() throws SQLException {
            var r = random("relationships");
            int n = contacts.length < 2 ? 0 : plan.relationships();
            var w = copy(
                    "relationships",
                    "internal_name, name, client_id, related_client_id, property_id, project_id, created_at, updated_at",
                    n);
            String[][] kinds = {
                {"owner", "Eigentümer"},
                {"tenant", "Mieter"},
                {"partner", "Ehepartner"},
                {"employee", "Mitarbeiter"},
                {"tipster", "Tippgeber"},
                {"heir", "Erbe"},
                {"caretaker", "Hausverwaltung"}
            };
            for (int i = 0; i < n; i++) {
                String[] k = pick(r, kinds);
                boolean toProperty = (k[0].equals("owner") || k[0].equals("tenant")) && properties.length > 0;
                var created = created(r);
                w.value(account)
                        .value(k[0])
                        .value(k[1])
                        .value(any(r, contacts))
                        .value(toProperty ? null : any(r, contacts))
                        .value(toProperty ? any(r, properties) : null)
                        .nul()
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("relationships", w);
        }

        void savedQueries() throws SQLException {
            var r = random("saved_queries");
            int n = contacts.length == 0 ? 0 : plan.savedQueries();
            var w = copy(
                    "saved_queries",
                    "client_id, broker_id, title, note, active, marketing_type, rs_types, rs_categories, regions, cities, "
                            + "zip_codes, location_ids, group_ids, price, price_to, base_rent, base_rent_to, total_rent, "
                            + "total_rent_to, living_space, living_space_to, number_of_rooms, number_of_rooms_to, "
                            + "number_of_bedrooms, number_of_bedrooms_to, plot_area, plot_area_to, floor, floor_to, "
                            + "construction_year, construction_year_to, lat, lng, radius, balcony, garden, lift, "
                            + "built_in_kitchen, cellar, rented, created_at, updated_at",
                    n);
            for (int i = 0; i < n; i++) {
                City city = pick(r, CITIES);
                boolean rent = r.nextInt(3) == 0;
                boolean house = !rent && r.nextInt(3) == 0;
                var created = created(r);
                int space = 40 + r.nextInt(100);
                int rooms = 1 + r.nextInt(3);
                String district = pick(r, city.districts());
                String title = (rent ? "Miete " : "Kauf ") + city.name() + " " + district;
                w.value(account)
                        .value(any(r, contacts))
                        .value(any(r, brokers))
                        .value(title)
                        .value(
                                r.nextInt(3) == 0
                                        ? title + ", "
                                                + pick(r, new String[] {
                                                    "gern mit Balkon",
                                                    "ruhige Lage",
                                                    "nahe S-Bahn",
                                                    "Erstbezug bevorzugt"
                                                })
                                        : null)
                        .value(r.nextInt(5) != 0)
                        .value(rent ? "RENT" : "BUY")
                        .texts(
                                house
                                        ? new String[] {"HOUSE"}
                                        : r.nextBoolean()
                                                ? new String[] {"APARTMENT"}
                                                : new String[] {"APARTMENT", "HOUSE"})
                        .texts(
                                house
                                        ? new String[] {"SINGLE_FAMILY_HOUSE", "SEMIDETACHED_HOUSE"}
                                        : r.nextInt(3) == 0 ? new String[] {"ROOF_STOREY", "PENTHOUSE"} : new String[0])
                        .texts(r.nextInt(3) == 0 ? new String[] {district} : new String[0])
                        .texts(city.name())
                        .texts(r.nextInt(3) == 0 ? new String[] {zip(r, city)} : new String[0])
                        .ids(r.nextInt(2) == 0 ? new long[] {1 + r.nextInt(200)} : new long[0])
                        .ids(r.nextInt(4) == 0 ? some(r, groups, 2) : new long[0])
                        .decimal(rent ? null : money(r, 100000, 600000, 10000))
                        .decimal(rent ? null : money(r, 600000, 2000000, 10000))
                        .decimal(rent ? money(r, 500, 1200, 50) : null)
                        .decimal(rent ? money(r, 1200, 3000, 50) : null)
                        .decimal(rent && r.nextBoolean() ? money(r, 700, 1500, 50) : null)
                        .decimal(rent && r.nextBoolean() ? money(r, 1500, 3600, 50) : null)
                        .decimal(Integer.toString(space))
                        .decimal(r.nextBoolean() ? Integer.toString(space + 40) : null)
                        .decimal(Integer.toString(rooms))
                        .decimal(r.nextBoolean() ? Integer.toString(rooms + 1 + r.nextInt(3)) : null)
                        .decimal(r.nextInt(3) == 0 ? Integer.toString(Math.max(1, rooms - 1)) : null)
                        .decimal(r.nextInt(5) == 0 ? Integer.toString(rooms + 1) : null)
                        .decimal(house ? Integer.toString(300 + r.nextInt(400)) : null)
                        .decimal(house ? Integer.toString(1000 + r.nextInt(1000)) : null)
                        .value(!house && r.nextInt(3) == 0 ? (long) r.nextInt(2) : null)
                        .value(!house && r.nextInt(3) == 0 ? (long) (3 + r.nextInt(4)) : null)
                        .value(r.nextInt(4) == 0 ? (long) (1950 + r.nextInt(50)) : null)
                        .value(r.nextInt(6) == 0 ? 2026L : null)
                        .value(coord(r, city.lat()))
                        .value(coord(r, city.lng()))
                        .value((long) (2 + r.nextInt(15)))
                        .value(r.nextInt(3) == 0 ? Boolean.TRUE : null)
                        .value(r.nextInt(5) == 0 ? Boolean.TRUE : null)
                        .value(r.nextInt(6) == 0 ? Boolean.TRUE : null)
                        .value(r.nextInt(4) == 0 ? Boolean.TRUE : null)
                        .value(r.nextInt(5) == 0 ? Boolean.TRUE : null)
                        .value(!rent && r.nextInt(8) == 0 ? Boolean.FALSE : null)
                        .value(created)
                        .value(updated(r, created));
                row(w);
            }
            done("saved_queries", w);
        }
    }
}
