package io.datadump.schema;

/** A custom field definition or value was refused; the message says why and what would be accepted. */
public class CustomFieldException extends RuntimeException {
    public CustomFieldException(String message) {
        super(message);
    }
}
