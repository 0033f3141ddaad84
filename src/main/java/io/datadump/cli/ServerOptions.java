package io.datadump.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How a client command ({@code pull}, {@code sync}) reaches the datadump server: its URL, the key, the idle limit. */
final class ServerOptions {
    @Option(names = "--url", required = true, description = "The datadump server, e.g. https://dump.example.com.")
    String url;

    @Option(names = "--key-file", description = "A file holding the API key (instead of DATADUMP_API_KEY).")
    Path keyFile;

    @Option(
            names = "--idle-timeout",
            defaultValue = "60",
            description =
                    "Give up on an answer that delivers less than 1 KiB in this many seconds (default ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    /** Refuses a value that cannot work, in one sentence. */
    void validate(CommandSpec spec) {
        if (!url.matches("https?://[^\\s/]+.*"))
            throw new ParameterException(spec.commandLine(), "--url is an http(s) URL");
        if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > 3600)
            throw new ParameterException(spec.commandLine(), "--idle-timeout is 1 to 3600 seconds");
    }

    Duration idleWindow() {
        return Duration.ofSeconds(idleTimeoutSeconds);
    }

    String key(Cli cli) {
        return cli.apiKey(keyFile);
    }
}
