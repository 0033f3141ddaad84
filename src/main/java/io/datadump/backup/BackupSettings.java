package io.datadump.backup;

import java.util.Optional;

/** The backup client's settings: the API key it pulls with (DATADUMP_API_KEY), unless --key-file names one. */
public record BackupSettings(Optional<String> apiKey) {
    @Override
    public String toString() { // never the key
        return "BackupSettings[apiKey=" + (apiKey.isPresent() ? "set" : "unset") + "]";
    }
}
