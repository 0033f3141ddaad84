package io.datadump.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The value types a custom field can have, and how each appears in the dump. */
public enum CustomFieldType {
    STRING("string"), // JSON string
    NUMBER("number"), // JSON number
    BOOLEAN("boolean"), // true / false
    DATE("date"), // "2024-05-31"
    SELECT("select"), // one of the options, as a string
    MULTISELECT("multiselect"); // array of options

    private final String key;

    CustomFieldType(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static CustomFieldType parse(String key) {
        return find(key)
                .orElseThrow(() ->
                        new CustomFieldException("unknown custom field type '" + key + "'; use one of " + keys()));
    }

    public static Optional<CustomFieldType> find(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    /** The type names, as a catalog's field query or the CLI give them. */
    public static String keys() {
        return Arrays.stream(values()).map(CustomFieldType::key).collect(Collectors.joining(", "));
    }
}
