package io.datadump.formats;

import java.util.List;

/**
 * Which representations are made when a dump is published instead of on first request
 * (DATADUMP_PRECOMPUTE_FORMATS): every table of every new dump, all columns. Costs storage and dump-window time;
 * saves the first downloader of the day the conversion's wait.
 */
public record FormatSettings(List<Format> precompute) {
    public FormatSettings {
        precompute = List.copyOf(precompute);
    }
}
