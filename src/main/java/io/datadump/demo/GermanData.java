package io.datadump.demo;

import java.util.SplittableRandom;

/** Word lists for realistic German real-estate data. Contact data uses reserved example domains only. */
final class GermanData {
    private GermanData() {}

    static final String[] MALE = {
        "Max",
        "Lukas",
        "Jonas",
        "Leon",
        "Felix",
        "Paul",
        "Tim",
        "Jan",
        "Niklas",
        "Moritz",
        "Alexander",
        "Sebastian",
        "Florian",
        "Tobias",
        "Stefan",
        "Thomas",
        "Michael",
        "Andreas",
        "Christian",
        "Markus",
        "Matthias",
        "Daniel",
        "Martin",
        "Frank",
        "Jürgen",
        "Klaus",
        "Wolfgang",
        "Uwe",
        "Ralf",
        "Dirk",
        "Henrik",
        "Emil",
        "Ben",
        "Elias",
        "Noah",
        "Finn",
        "Anton",
        "Karl",
        "Oskar",
        "Mehmet"
    };
    static final String[] FEMALE = {
        "Anna",
        "Lea",
        "Sophie",
        "Marie",
        "Laura",
        "Julia",
        "Lena",
        "Hannah",
        "Katharina",
        "Sarah",
        "Lisa",
        "Johanna",
        "Clara",
        "Emma",
        "Mia",
        "Charlotte",
        "Sabine",
        "Petra",
        "Monika",
        "Claudia",
        "Andrea",
        "Susanne",
        "Birgit",
        "Nicole",
        "Stefanie",
        "Christina",
        "Kerstin",
        "Anja",
        "Ute",
        "Heike",
        "Greta",
        "Ida",
        "Frieda",
        "Paula",
        "Emilia",
        "Luisa",
        "Helena",
        "Ayşe",
        "Zoe",
        "Nina"
    };
    static final String[] LAST = {
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Bauer",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Schwarz",
        "Zimmermann",
        "Braun",
        "Krüger",
        "Hofmann",
        "Hartmann",
        "Lange",
        "Schmitt",
        "Werner",
        "Schmitz",
        "Krause",
        "Meier",
        "Lehmann",
        "Schmid",
        "Schulze",
        "Maier",
        "Köhler",
        "Herrmann",
        "König",
        "Walter",
        "Mayer",
        "Huber",
        "Kaiser",
        "Fuchs",
        "Peters",
        "Lang",
        "Scholz",
        "Möller",
        "Weiß",
        "Jung",
        "Hahn",
        "Schubert",
        "Vogel",
        "Friedrich",
        "Keller",
        "Günther",
        "Frank",
        "Berger",
        "Winkler",
        "Roth",
        "Beck",
        "Lorenz",
        "Baumann",
        "Franke",
        "Albrecht",
        "Ludwig",
        "Yılmaz",
        "Kowalski",
        "Nowak",
        "Öztürk"
    };
    static final String[] ACADEMIC = {"Dr.", "Prof. Dr.", "Dr. med.", "Dipl.-Ing."};

    record City(
            String name,
            String state,
            String country,
            double lat,
            double lng,
            String areaCode,
            int zipFrom,
            int zipTo,
            String[] districts,
            String[] streets) {}

    static final City BERLIN = new City(
            "Berlin",
            "Berlin",
            "Deutschland",
            52.5200,
            13.4050,
            "30",
            10115,
            14199,
            new String[] {
                "Mitte",
                "Prenzlauer Berg",
                "Charlottenburg",
                "Kreuzberg",
                "Friedrichshain",
                "Schöneberg",
                "Steglitz",
                "Pankow",
                "Neukölln",
                "Wilmersdorf",
                "Zehlendorf",
                "Spandau"
            },
            new String[] {
                "Kastanienallee",
                "Schönhauser Allee",
                "Kurfürstendamm",
                "Bergmannstraße",
                "Oranienstraße",
                "Karl-Marx-Allee",
                "Torstraße",
                "Invalidenstraße",
                "Schloßstraße",
                "Bismarckstraße",
                "Kantstraße",
                "Boxhagener Straße",
                "Greifswalder Straße",
                "Hauptstraße",
                "Sonnenallee"
            });
    static final City MUNICH = new City(
            "München",
            "Bayern",
            "Deutschland",
            48.1372,
            11.5756,
            "89",
            80331,
            81929,
            new String[] {
                "Schwabing",
                "Maxvorstadt",
                "Bogenhausen",
                "Haidhausen",
                "Sendling",
                "Pasing",
                "Neuhausen",
                "Giesing",
                "Au",
                "Lehel",
                "Nymphenburg",
                "Trudering"
            },
            new String[] {
                "Leopoldstraße",
                "Prinzregentenstraße",
                "Maximilianstraße",
                "Sendlinger Straße",
                "Nymphenburger Straße",
                "Ismaninger Straße",
                "Rosenheimer Straße",
                "Belgradstraße",
                "Hohenzollernstraße",
                "Lindwurmstraße",
                "Dachauer Straße",
                "Landsberger Straße"
            });
    static final City HAMBURG = new City(
            "Hamburg",
            "Hamburg",
            "Deutschland",
            53.5511,
            9.9937,
            "40",
            20095,
            22769,
            new String[] {
                "Eimsbüttel",
                "Altona",
                "Winterhude",
                "Eppendorf",
                "Ottensen",
                "Harvestehude",
                "Barmbek",
                "St. Pauli",
                "Blankenese",
                "Wandsbek",
                "Uhlenhorst",
                "Rotherbaum"
            },
            new String[] {
                "Elbchaussee",
                "Eppendorfer Landstraße",
                "Osterstraße",
                "Mühlenkamp",
                "Große Bergstraße",
                "Ottenser Hauptstraße",
                "Hofweg",
                "Fuhlsbüttler Straße",
                "Grindelallee",
                "Rothenbaumchaussee",
                "Lange Reihe",
                "Schanzenstraße"
            });
    static final City[] CITIES = {BERLIN, MUNICH, HAMBURG};

    static final String[] CLIENT_STATUSES = {
        "Neu", "Interessent", "Kunde", "Eigentümer", "Tippgeber", "Inaktiv", "Gesperrt"
    };
    static final String[] CLIENT_SOURCES = {
        "Website",
        "ImmobilienScout24",
        "Immowelt",
        "Empfehlung",
        "Facebook Ads",
        "Google Ads",
        "Laufkundschaft",
        "Messe",
        "Bestandskunde",
        "Instagram",
        "Telefon"
    };
    static final String[] CLIENT_REASONS = {
        "Kaufinteresse",
        "Mietinteresse",
        "Verkaufsabsicht",
        "Vermietungsabsicht",
        "Bewertung",
        "Tippgeber",
        "Dienstleister"
    };
    static final String[] RESERVATION_REASONS = {
        "Preis zu hoch",
        "Lage passt nicht",
        "Grundriss passt nicht",
        "Finanzierung abgelehnt",
        "Anderes Objekt gekauft",
        "Kein Interesse mehr",
        "Zu klein",
        "Zu laut"
    };
    static final String[] PROPERTY_STATUSES = {
        "Akquise", "In Vorbereitung", "Vermarktung", "Reserviert", "Verkauft", "Vermietet", "Inaktiv"
    };
    static final String[] GROUPS = {
        "VIP",
        "Newsletter",
        "Kapitalanleger",
        "Selbstnutzer",
        "Bauträger",
        "Presse",
        "Investor",
        "Erstkäufer",
        "Senioren",
        "Familie"
    };

    static final String[] RS_TYPES_BUY = {
        "APARTMENT", "HOUSE", "APARTMENT", "APARTMENT", "HOUSE", "TRADE_SITE", "INVESTMENT"
    };
    static final String[] APARTMENT_TYPES = {
        "ROOF_STOREY",
        "LOFT",
        "MAISONETTE",
        "PENTHOUSE",
        "TERRACED_FLAT",
        "GROUND_FLOOR",
        "APARTMENT",
        "RAISED_GROUND_FLOOR",
        "HALF_BASEMENT",
        "ATTIKA"
    };
    static final String[] CONDITIONS = {
        "FIRST_TIME_USE",
        "MINT_CONDITION",
        "FULLY_RENOVATED",
        "REFURBISHED",
        "MODERNIZED",
        "WELL_KEPT",
        "NEED_OF_RENOVATION",
        "NEGOTIABLE",
        "DERELICT"
    };
    static final String[] HEATING = {
        "CENTRAL_HEATING",
        "FLOOR_HEATING",
        "DISTRICT_HEATING",
        "SELF_CONTAINED_CENTRAL_HEATING",
        "HEAT_PUMP",
        "NIGHT_STORAGE_HEATER",
        "GAS_HEATING"
    };
    static final String[] FIRING = {
        "GAS", "OIL", "DISTRICT_HEATING", "ELECTRICITY", "PELLET_HEATING", "GEOTHERMAL", "SOLAR_HEATING"
    };
    static final String[] FLOORING = {
        "PARQUET", "LAMINATE", "TILES", "CARPET", "STONE", "TERRACOTTA", "VINYL", "FLOORBOARDS"
    };
    static final String[] QUALITY = {"SIMPLE", "NORMAL", "SOPHISTICATED", "LUXURY"};
    static final String[] ENERGY_AVAILABILITY = {"AVAILABLE", "NOT_AVAILABLE_YET", "NOT_REQUIRED"};

    /** Calendar colours of brokers, as a CRM's colour picker offers them. */
    static final String[] BROKER_COLORS = {
        "#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"
    };

    static final String[] APPOINTMENT_TITLES = {
        "Besichtigung",
        "Erstgespräch",
        "Bewertungstermin",
        "Notartermin",
        "Übergabe",
        "Fototermin",
        "Beratungsgespräch",
        "Finanzierungsgespräch",
        "Eigentümerversammlung",
        "Open House"
    };
    static final String[] NOTE_TITLES = {
        "Telefonat",
        "Rückruf",
        "Gesprächsnotiz",
        "Feedback Besichtigung",
        "Preisverhandlung",
        "Unterlagen angefordert",
        "Interne Notiz",
        "Finanzierungsbestätigung"
    };
    static final String[] TODO_TITLES = {
        "Exposé erstellen",
        "Grundbuchauszug anfordern",
        "Energieausweis beauftragen",
        "Rückruf Interessent",
        "Besichtigung vorbereiten",
        "Fotos bearbeiten",
        "Unterlagen an Notar senden",
        "Preis mit Eigentümer abstimmen",
        "Portal-Inserat aktualisieren",
        "Finanzierungsnachweis prüfen"
    };
    static final String[] SUBJECTS = {
        "Ihre Anfrage zu unserem Objekt",
        "Besichtigungstermin",
        "Exposé",
        "Rückfrage zur Finanzierung",
        "Unterlagen zur Wohnung",
        "Kaufpreisangebot",
        "Terminbestätigung",
        "Neue Objekte für Ihr Suchprofil",
        "Reservierungsvereinbarung",
        "Notartermin",
        "Energieausweis",
        "Grundriss"
    };

    private static final String[] SENTENCES = {
        "vielen Dank für Ihr Interesse an unserer Immobilie.",
        "Gerne sende ich Ihnen das ausführliche Exposé mit allen Grundrissen zu.",
        "Die Wohnung befindet sich in einem gepflegten Altbau mit hohen Decken und Stuck.",
        "Eine Besichtigung ist am Wochenende oder unter der Woche ab 17 Uhr möglich.",
        "Bitte teilen Sie mir mit, ob Ihnen einer der vorgeschlagenen Termine passt.",
        "Die Eigentümer sind an einem zügigen Verkauf interessiert.",
        "Für die Finanzierung empfehlen wir Ihnen gerne einen unabhängigen Berater.",
        "Die Hausgeldabrechnung und das Protokoll der letzten Eigentümerversammlung liegen vor.",
        "Der Energieausweis wird derzeit erstellt und nachgereicht.",
        "Die Lage überzeugt durch die gute Anbindung an den öffentlichen Nahverkehr.",
        "Schulen, Kitas und Einkaufsmöglichkeiten sind fußläufig erreichbar.",
        "Die Küche ist im Kaufpreis enthalten.",
        "Das Objekt ist derzeit vermietet, die Kaltmiete liegt unter dem Mietspiegel.",
        "Ich habe Ihre Unterlagen erhalten und an die Eigentümer weitergeleitet.",
        "Leider ist die Wohnung bereits reserviert, gerne informiere ich Sie über ähnliche Angebote.",
        "Nach Rücksprache mit den Eigentümern ist ein Preisnachlass nicht möglich.",
        "Anbei erhalten Sie den Entwurf des Kaufvertrags zur Prüfung.",
        "Der Notartermin ist für den kommenden Monat vorgesehen.",
        "Die Modernisierung der Fenster und der Heizungsanlage erfolgte im Jahr 2019.",
        "Ein Stellplatz in der Tiefgarage kann zusätzlich erworben werden.",
        "Der Balkon ist nach Süden ausgerichtet und bietet einen schönen Blick ins Grüne.",
        "Bei Fragen stehe ich Ihnen jederzeit gerne zur Verfügung.",
        "Bitte bringen Sie zur Besichtigung einen aktuellen Finanzierungsnachweis mit.",
        "Wir freuen uns darauf, Sie persönlich kennenzulernen."
    };

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A few German sentences, roughly {@code targetChars} long. */
    static String prose(SplittableRandom r, int targetChars) {
        StringBuilder sb = new StringBuilder(targetChars + 120);
        while (sb.length() < targetChars) {
            if (sb.length() > 0) sb.append(' ');
            String s = pick(r, SENTENCES);
            sb.append(Character.toUpperCase(s.charAt(0))).append(s, 1, s.length());
        }
        return sb.toString();
    }

    static String ascii(String s) {
        return s.toLowerCase()
                .replace("ä", "ae")
                .replace("ö", "oe")
                .replace("ü", "ue")
                .replace("ß", "ss")
                .replace("ı", "i")
                .replace("ş", "s")
                .replace("ğ", "g")
                .replace("ç", "c")
                .replaceAll("[^a-z0-9]", "");
    }
}
