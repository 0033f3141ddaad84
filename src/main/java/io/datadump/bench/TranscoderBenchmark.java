package io.datadump.bench;

import io.datadump.App;
import io.datadump.db.Handle;
import io.datadump.dump.DigestingOutputStream;
import io.datadump.dump.DumpTransaction;
import io.datadump.dump.JsonRows;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * {@code bench --transcoder}: the dump's hot loop alone. Every table of a whole account is read once as COPY text into
 * memory, a row an array as the server sends it; then, on this one thread, (t) the transcoder turns it into the dump's
 * JSON into a counting sink, (h) the same with SHA-256 of the JSON as the dump's writer thread computes it, and (m) the
 * COPY text is copied in memory, the bound no transcoder passes. Bytes a second per core, in and out, say how far the
 * transcoder is from the machine's limit and what a dump on N cores could reach without the server.
 */
public final class TranscoderBenchmark {
    private record Table(List<Handle.ColumnInfo> columns, List<byte[]> rows) {}

    private final App app;
    private final PrintStream out;
    private byte[] copied; // the copies' target escapes here, so the JIT cannot leave them out

    public TranscoderBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    public void run(int contacts, int repetitions) throws Exception {
        long account = new DumpBenchmark(app, out).prepareAllTables(contacts);
        List<Table> tables = read(AccountBenchmark.dumpQueries(app, account));
        long copyBytes = 0, rows = 0;
        for (Table t : tables) {
            rows += t.rows().size();
            for (byte[] row : t.rows()) copyBytes += row.length;
        }
        long[] jsonBytes = {0};
        VariantTimer timer = new VariantTimer(out)
                .add("t transcode", () -> {
                    CountingSink sink = new CountingSink();
                    transcode(tables, sink);
                    return VariantTimer.Outcome.of(jsonBytes[0] = sink.count);
                })
                .add("h transcode + SHA-256", () -> {
                    CountingSink sink = new CountingSink();
                    try (DigestingOutputStream digest = new DigestingOutputStream(sink)) {
                        transcode(tables, digest);
                        digest.sha256Hex();
                    }
                    return VariantTimer.Outcome.of(sink.count);
                })
                .add("m memory copy of the COPY text", () -> VariantTimer.Outcome.of(copy(tables)));
        timer.run(repetitions);
        out.printf(
                "%nwhole account held in memory: %d tables, %,d rows, %,d bytes of COPY text, %,d bytes of JSON;"
                        + " one thread%n",
                tables.size(), rows, copyBytes, jsonBytes[0]);
        timer.print(rows);
        double t = timer.median("t transcode"), h = timer.median("h transcode + SHA-256");
        double m = timer.median("m memory copy of the COPY text");
        out.printf(
                "%nper core: transcoder %.0f MB/s of COPY text in, %.0f MB/s of JSON out; with SHA-256 %.0f MB/s of JSON;"
                        + " memory copy %.0f MB/s (transcoder / memory copy = %.3f)%n",
                copyBytes / 1e6 / t, jsonBytes[0] / 1e6 / t, jsonBytes[0] / 1e6 / h, copyBytes / 1e6 / m, m / t);
    }

    /** Each table's COPY text from one snapshot, as the dump reads it. */
    private List<Table> read(List<String> queries) throws Exception {
        List<Table> tables = new ArrayList<>();
        try (Connection c = app.database().source().getConnection()) {
            DumpTransaction.begin(c);
            for (String query : queries) {
                List<Handle.ColumnInfo> columns = Handle.on(c).columnsOf(query);
                CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
                List<byte[]> rows = new ArrayList<>();
                for (byte[] row; (row = copy.readFromCopy()) != null; ) rows.add(row);
                tables.add(new Table(columns, rows));
            }
            c.commit();
        }
        return tables;
    }

    private static void transcode(List<Table> tables, OutputStream into) throws Exception {
        for (Table t : tables) {
            Iterator<byte[]> rows = t.rows().iterator();
            JsonRows.transcode(() -> rows.hasNext() ? rows.next() : null, t.columns(), into);
        }
    }

    /** The COPY text copied once, row by row, into a buffer that wraps around: memcpy's speed on these arrays. */
    private long copy(List<Table> tables) {
        byte[] buffer = new byte[1 << 20];
        int at = 0;
        long bytes = 0;
        for (Table t : tables) {
            for (byte[] row : t.rows()) {
                if (at + row.length > buffer.length) at = 0;
                int n = Math.min(row.length, buffer.length);
                System.arraycopy(row, 0, buffer, at, n);
                at += n;
                bytes += n;
            }
        }
        copied = buffer;
        return bytes;
    }
}
