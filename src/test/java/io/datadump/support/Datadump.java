package io.datadump.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The datadump command line in a real second JVM, as an operator (or a dying node) runs it. */
public final class Datadump {
    private Datadump() {}

    /** Waits until the process's log holds {@code text} (e.g. that a worker is running), failing after a minute. */
    public static void awaitLog(Process process, Path log, String text) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(log).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > end) {
                throw new AssertionError("the process never logged '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** A process builder for {@code datadump <args>} with this test JVM's class path. */
    public static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), // the run's own, deleted at its end
                "-cp",
                System.getProperty("java.class.path"),
                "io.datadump.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
