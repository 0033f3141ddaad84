package io.datadump;

import io.datadump.cli.Cli;
import io.datadump.config.Config;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(Config::fromEnvironment, args, System.out, System.err));
    }
}
