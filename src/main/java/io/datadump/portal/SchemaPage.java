package io.datadump.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.access.TableSchemas;
import io.datadump.accounts.Account;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Each table's fields with their JSON types, the account's custom fields marked. */
public final class SchemaPage {
    private final SignedIn signedIn;
    private final DumpRuns runs;
    private final TableCatalog catalog;
    private final TableSchemas schemas;
    private final Pages pages;

    public SchemaPage(SignedIn signedIn, DumpRuns runs, TableCatalog catalog, TableSchemas schemas, Pages pages) {
        this.signedIn = signedIn;
        this.runs = runs;
        this.catalog = catalog;
        this.schemas = schemas;
        this.pages = pages;
    }

    void schema(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        Account account = signedIn.account(session);
        Locale locale = PortalWeb.locale(ctx);
        Map<String, Object> model = signedIn.model(ctx, session, account, locale);
        String table = Optional.ofNullable(PortalWeb.knownTable(catalog, ctx.queryParam("table")))
                .orElse(catalog.names().get(0));
        model.put("tables", Pages.tableChoices(catalog, locale));
        model.put("table", table);
        Optional<DumpRun> current = runs.current(account.id()).filter(DumpRun::isPublished);
        List<Map<String, Object>> fields = null;
        if (current.isPresent()
                && current.get().manifest().orElseThrow().table(table).isPresent()) {
            List<String> custom =
                    current.get().manifest().orElseThrow().table(table).get().customFields();
            ObjectNode schema = schemas.of(current.get(), account.id(), table);
            fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            schema.get("properties").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode type = p.getValue().get("type");
                List<String> types = new ArrayList<>();
                if (type != null && type.isArray()) type.forEach(t -> types.add(t.asText()));
                else if (type != null) types.add(type.asText());
                Map<String, Object> f = new HashMap<>();
                f.put("name", p.getKey());
                // a json(b) column has no JSON type: it holds any value, null too
                f.put(
                        "type",
                        types.isEmpty()
                                ? Pages.text(locale, "schema.type.json")
                                : String.join(
                                        " | ",
                                        types.stream()
                                                .filter(t -> !t.equals("null"))
                                                .toList()));
                f.put("format", format(p.getValue(), locale));
                f.put("nullable", types.isEmpty() || types.contains("null"));
                f.put("custom", custom.contains(p.getKey()));
                fields.add(f);
            }
        }
        model.put("fields", fields);
        PortalWeb.html(ctx, 200, pages.render("schema", locale, model));
    }

    /** A field's format as a person reads it: the schema's format, or for the dump's timestamps (a pattern) date-time. */
    private static String format(JsonNode property, Locale locale) {
        if (property.has("format")) return property.get("format").asText();
        if (property.has("pattern") && property.get("pattern").asText().equals(RowSchemas.TIMESTAMP_PATTERN)) {
            return Pages.text(locale, "schema.format.timestamp");
        }
        return "";
    }
}
