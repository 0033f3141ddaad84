package io.datadump.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ready-to-copy snippets that load one table into the tools analysts and IT people use, in the forms docs/recipes.md
 * gives (RecipesTest checks those URL forms). The key is never in them: {@link #KEY_PLACEHOLDER} stands for it. Without
 * {@code DATADUMP_PUBLIC_URL} the base URL is {@link #BASE_PLACEHOLDER}, which the page's script replaces with the
 * address the browser used (the server never reflects a Host header).
 */
final class Snippets {
    static final String BASE_PLACEHOLDER = "{{BASE_URL}}";
    static final String KEY_PLACEHOLDER = "YOUR_API_KEY";

    record Snippet(String id, String title, String text) {}

    private Snippets() {}

    /** The snippets of {@code table}; {@code duckDbColumns}, the table's types as DuckDB's map, where there is a dump. */
    static List<Snippet> forTable(String base, String table, Optional<String> duckDbColumns) {
        String name = Character.toUpperCase(table.charAt(0)) + table.substring(1);
        List<Snippet> snippets = new ArrayList<>(List.of(
                new Snippet("powerquery", "downloads.powerquery", """
                        let
                            Source = Csv.Document(
                                Web.Contents("%1$s", [
                                    RelativePath = "v1/datadump/%2$s",
                                    Query = [format = "csv"],
                                    ApiKeyName = "api_key",
                                    Timeout = #duration(0, 0, 30, 0)
                                ]),
                                [Delimiter = ",", Encoding = 65001, QuoteStyle = QuoteStyle.Csv]),
                            %3$s = Table.PromoteHeaders(Source, [PromoteAllScalars = true])
                        in
                            %3$s""".formatted(base, table, name)),
                new Snippet(
                        "sheets",
                        "downloads.sheets",
                        "=IMPORTDATA(\"%s/v1/datadump/%s?format=csv&api_key=%s\")"
                                .formatted(base, table, KEY_PLACEHOLDER)),
                new Snippet(
                        "duckdb",
                        "downloads.duckdb",
                        "SELECT *\nFROM read_parquet('%s/v1/datadump/%s?format=parquet&api_key=%s');"
                                .formatted(base, table, KEY_PLACEHOLDER)),
                new Snippet(
                        "curl",
                        "downloads.curl",
                        "curl -sL -H \"X-API-KEY: %s\" \"%s/v1/datadump/%s?format=csv\" -o %s.csv"
                                .formatted(KEY_PLACEHOLDER, base, table, table)),
                new Snippet(
                        "pull",
                        "downloads.pull",
                        "DATADUMP_API_KEY=%s java -jar datadump.jar pull --url %s --dir /srv/backup/datadump"
                                .formatted(KEY_PLACEHOLDER, base)),
                new Snippet(
                        "sync",
                        "downloads.sync",
                        ("DATADUMP_API_KEY=%s java -jar datadump.jar sync --url %s \\\n"
                                        + "  --into 'jdbc:postgresql://localhost/bi?user=crm_sync' --schema crm")
                                .formatted(KEY_PLACEHOLDER, base))));
        duckDbColumns.ifPresent(columns -> snippets.add(
                3,
                new Snippet(
                        "duckdb-json",
                        "downloads.duckdb-json",
                        "SELECT *\nFROM read_json('%s/v1/datadump/%s?format=ndjson&api_key=%s',\n"
                                        .formatted(base, table, KEY_PLACEHOLDER)
                                + "               format = 'newline_delimited',\n               columns = "
                                + columns + ");")));
        return List.copyOf(snippets);
    }
}
