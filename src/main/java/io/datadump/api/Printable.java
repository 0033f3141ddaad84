package io.datadump.api;

/** Echoes user input in a message safely: only plain characters, at most 64 of them. */
final class Printable {
    private Printable() {}

    static String of(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_.,:\\-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
