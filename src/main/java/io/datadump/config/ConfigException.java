package io.datadump.config;

/** A setting is missing or malformed; the message names it and says what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
