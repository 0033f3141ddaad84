package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.formats.Format;
import io.datadump.schema.TableCatalog;
import io.datadump.wire.ErrorBody;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The table a request names ({@code /v1/datadump/<table>…}), checked against the catalog, and for the table itself how
 * it is wanted (format, columns, redirect): parsed once, in one place, for every controller.
 */
public final class TableRequests {
    /** {@code GET /v1/datadump/<table>} parsed: the table, its format, the columns asked for and whether to redirect. */
    record TableRequest(String table, Format format, Optional<String> columns, boolean redirect) {
        /** ?columns=a,b,c: those keys in that order (each once); without it, every key in the table's order. */
        List<String> columnsOf(List<String> keys) {
            if (columns.isEmpty()) return keys;
            Set<String> chosen = new LinkedHashSet<>();
            for (String c : columns.get().split(",")) {
                String name = c.strip();
                if (name.isEmpty()) continue;
                if (!keys.contains(name)) {
                    throw new ApiException(
                            400,
                            ErrorBody.of(
                                            "invalid_columns",
                                            "the table has no key '" + Printable.of(name)
                                                    + "'; use any of its keys, separated by commas")
                                    .withAllowed(keys));
                }
                chosen.add(name);
            }
            if (chosen.isEmpty())
                throw new ApiException(
                        400,
                        ErrorBody.of("invalid_columns", "name at least one key").withAllowed(keys));
            return List.copyOf(chosen);
        }
    }

    private final TableCatalog catalog;

    public TableRequests(TableCatalog catalog) {
        this.catalog = catalog;
    }

    /** The path's table, which must be one of the catalog's. */
    String knownTable(Context ctx) {
        String table = ctx.pathParam("table");
        if (catalog.find(table).isEmpty()) {
            throw new ApiException(
                    404,
                    ErrorBody.of(
                                    "unknown_table",
                                    "there is no table '" + Printable.of(table) + "'; use one of the listed tables")
                            .withTables(catalog.names()));
        }
        return table;
    }

    /** A table request; its columns are checked against the table's keys once the dump is known. */
    TableRequest table(Context ctx) {
        return new TableRequest(knownTable(ctx), format(ctx), QueryParams.get(ctx, "columns"), redirect(ctx));
    }

    private static Format format(Context ctx) {
        return QueryParams.get(ctx, "format")
                .map(f -> Format.parse(f)
                        .orElseThrow(() -> new ApiException(
                                400,
                                ErrorBody.of(
                                                "invalid_format",
                                                "there is no format '" + Printable.of(f) + "'; use one of "
                                                        + String.join(", ", Format.keys()))
                                        .withAllowed(Format.keys()))))
                .or(() -> Format.fromAccept(ctx.header("Accept")))
                .orElse(Format.JSON);
    }

    private static boolean redirect(Context ctx) {
        return QueryParams.get(ctx, "redirect")
                .map(v -> switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default ->
                        throw new ApiException(
                                400,
                                ErrorBody.of("invalid_parameter", "redirect is true or false")
                                        .withAllowed(List.of("true", "false")));
                })
                .orElse(true);
    }
}
