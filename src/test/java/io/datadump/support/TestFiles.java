package io.datadump.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Keeps a test run from filling the disk (a CI machine once had 287 MB free): surefire points {@code java.io.tmpdir}
 * at {@code target/test-tmp}, where every test's homes, storage, embedded servers and logs go; this listener creates
 * it before the tests and, when they end, stops the embedded PostgreSQL, drops the databases the run made on an
 * external server, and deletes the folder. Registered in META-INF/services.
 */
public final class TestFiles implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (!tmp.getFileName().toString().equals("test-tmp")) return; // run outside surefire: leave /tmp alone
        TestDatabases.cleanUp();
        TestDatabases.deleteDirectory(tmp);
    }
}
