package io.datadump.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request the server really answered (a URL it issued, or one a client sends) against the OpenAPI document:
 * exactly one path template matches, the method is an operation of it, every parameter in the URL is one the operation
 * declares and its value validates against the declared schema, and every required one is there.
 */
final class OpenApiRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}/]+)}");

    private final JsonNode doc;

    OpenApiRequests(JsonNode doc) {
        this.doc = doc;
    }

    /** Returns the path template the request matches, after asserting the request conforms to its operation. */
    String assertConforms(String method, URI uri) {
        String path = uri.getRawPath();
        // OpenAPI: a concrete path matches before a templated one (/v1/datadump/dumps, not /v1/datadump/{table})
        Map<Integer, List<String>> byParameters = new TreeMap<>();
        doc.get("paths").fieldNames().forEachRemaining(template -> {
            Map<String, String> values = match(template, path);
            if (values != null)
                byParameters
                        .computeIfAbsent(values.size(), n -> new ArrayList<>())
                        .add(template);
        });
        assertThat(byParameters).as("path templates matching " + path).isNotEmpty();
        List<String> best = byParameters.values().iterator().next();
        assertThat(best).as("equally good path templates matching " + path).hasSize(1);
        String template = best.get(0);
        Map<String, String> pathValues = match(template, path);
        JsonNode operation = doc.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
        assertThat(operation).as(method + " " + template + " in the document").isNotNull();

        Map<String, String> query = query(uri.getRawQuery());
        Set<String> declaredQuery = new HashSet<>();
        for (JsonNode p : operation.path("parameters")) {
            JsonNode parameter = resolve(p);
            String name = parameter.get("name").asText();
            String in = parameter.get("in").asText();
            String value = in.equals("path") ? pathValues.get(name) : query.get(name);
            if (in.equals("query")) declaredQuery.add(name);
            if (value == null) {
                assertThat(parameter.path("required").asBoolean())
                        .as(name + " (" + in + ") is required but missing from " + uri)
                        .isFalse();
                continue;
            }
            JsonNode schema = resolve(parameter.get("schema"));
            assertThat(validator(schema).validate(typed(value, schema)))
                    .as(name + "=" + value + " against " + schema)
                    .isEmpty();
        }
        boolean keyInQuery = doc.at("/components/securitySchemes/apiKeyQuery").has("name");
        for (String name : query.keySet()) {
            if (keyInQuery
                    && name.equals(doc.at("/components/securitySchemes/apiKeyQuery/name")
                            .asText())) continue;
            assertThat(declaredQuery)
                    .as("query parameter " + name + " of " + uri)
                    .contains(name);
        }
        return template;
    }

    /** The path parameters if the template matches the raw path, else null. */
    private static Map<String, String> match(String template, String path) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = TEMPLATE_PARAM.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        Matcher values_ = Pattern.compile(regex.toString()).matcher(path);
        if (!values_.matches()) return null;
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < names.size(); i++)
            values.put(names.get(i), URLDecoder.decode(values_.group(i + 1), StandardCharsets.UTF_8));
        return values;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) return values;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            assertThat(values.put(name, value)).as(name + " given twice").isNull();
        }
        return values;
    }

    /** A parameter's value as the JSON its schema describes: numbers and booleans are not strings. */
    private static JsonNode typed(String value, JsonNode schema) {
        String type = schema.path("type").asText();
        try {
            if (type.equals("integer") || type.equals("number") || type.equals("boolean")) return JSON.readTree(value);
        } catch (Exception e) {
            // not a number: validated as the text it is, so the schema refuses it
        }
        return JSON.getNodeFactory().textNode(value);
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) node = doc.at(node.get("$ref").asText().substring(1));
        return node;
    }

    private JsonSchema validator(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", doc.get("components"));
        root.setAll((ObjectNode) schema.deepCopy());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }
}
