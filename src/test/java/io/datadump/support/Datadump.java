package io.datadump.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The datadump command line in a real second JVM, as an operator (or a dying node) runs it. */
public final class Datadump {
    private Datadump() {}

    /** A process builder for {@code datadump <args>} with this test JVM's class path. */
    public static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.datadump.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
