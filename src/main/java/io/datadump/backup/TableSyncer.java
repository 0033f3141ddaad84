package io.datadump.backup;

import io.datadump.dump.RowScanner;
import io.datadump.dump.TableDiff;
import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Brings one table to the dump, inside the run's transaction. */
final class TableSyncer {
    /** A staged upsert's line starts so: no deleted id, then the row (the staging table's two columns). */
    private static final byte[] UPSERT_LINE = "\\N\t".getBytes(StandardCharsets.US_ASCII);

    private final DumpServer server;
    private final SyncTarget target;
    private final ApiBodies.DumpIndex index;
    private final String schema;
    private final ChangesPrefetch feeds;

    TableSyncer(DumpServer server, SyncTarget target, ApiBodies.DumpIndex index, String schema, ChangesPrefetch feeds) {
        this.server = server;
        this.target = target;
        this.index = index;
        this.schema = schema;
        this.feeds = feeds;
    }

    Syncer.TableSync sync(ApiBodies.IndexedTable t, SyncTarget.State state) throws SQLException, IOException {
        String table = t.name();
        boolean exists = target.exists(table);
        if (state == null && exists) {
            throw new BackupException("schema " + schema + " has this table already, and sync did not create it"
                    + " (it changes no table it did not create); choose another --schema");
        }
        if (state != null && exists && state.dumpId() == index.dumpId())
            return new Syncer.TableSync(table, Syncer.How.UNCHANGED, 0, 0, state.rows(), "", Optional.empty());
        if (state != null && exists && Syncer.sameRows(t, state)) { // most tables of a night: nothing to fetch
            target.record(state(t, state.rows()));
            return new Syncer.TableSync(table, Syncer.How.UNCHANGED, 0, 0, state.rows(), "", Optional.empty());
        }
        List<SqlColumns.Column> columns = SqlColumns.of(server.schema(table, index.dumpId()));
        Syncer.How how;
        String note = "";
        if (!exists) {
            target.create(table, columns);
            how = Syncer.How.CREATED;
            if (state != null) note = "it was dropped: created again";
        } else {
            SyncTarget.Evolution evolved = target.evolve(table, columns);
            how = evolved.retyped().isEmpty() ? Syncer.How.CHANGES : Syncer.How.RELOADED;
            if (!evolved.added().isEmpty()) note = "new column(s) " + String.join(", ", evolved.added());
            if (how == Syncer.How.RELOADED)
                note = "column(s) " + String.join(", ", evolved.retyped()) + " changed type: loaded whole";
        }
        if (how == Syncer.How.CHANGES && !stageChanges(t)) {
            how = Syncer.How.RELOADED;
            note = "dump " + state.dumpId() + " is retained no more: loaded whole";
        }
        if (how != Syncer.How.CHANGES) stageFile(t);
        SyncTarget.Applied applied = target.apply(table, columns, how != Syncer.How.CHANGES);
        if (applied.misfits() > 0) {
            note = (note.isEmpty() ? "" : note + "; ") + applied.misfits() + " row(s) with a custom field value"
                    + " that does not fit the field's type: empty in the copy, as in Parquet and xlsx";
        }
        // the rows now, from what this transaction removed and inserted (a count(*) of each changed table took
        // 0.5-0.9 s a night on a scale-100 account; --check reads every row)
        long rows =
                how == Syncer.How.CHANGES ? state.rows() - applied.removed() + applied.inserted() : applied.inserted();
        if (rows != t.rows()) {
            throw new BackupException(rows + " rows after applying the changes, and dump " + index.dumpId() + " has "
                    + t.rows() + "; nothing was changed; run sync again, and if it repeats, sync into a new --schema");
        }
        if (how == Syncer.How.CREATED) target.index(table, columns);
        target.record(state(t, rows));
        return how == Syncer.How.CHANGES
                ? new Syncer.TableSync(table, how, applied.inserted(), applied.deletes(), rows, note, Optional.empty())
                : new Syncer.TableSync(table, how, 0, 0, rows, note, Optional.empty());
    }

    private SyncTarget.State state(ApiBodies.IndexedTable t, long rows) {
        return new SyncTarget.State(
                t.name(),
                index.accountId(),
                index.dumpId(),
                Instant.parse(index.snapshotAt()),
                rows,
                t.jsonSha256(),
                t.schemaSha256());
    }

    /** Stages the changes since the recorded dump; false when that dump is retained no more. */
    private boolean stageChanges(ApiBodies.IndexedTable t) throws SQLException, IOException {
        Optional<InputStream> feed = feeds.open(t.name());
        if (feed.isEmpty()) return false;
        try (InputStream in = feed.get();
                RowCopy copy = target.stage()) {
            new ChangesFeed(in, t.name()).readInto(new TableDiff.Sink() {
                @Override
                public void upsert(byte[] row, int length) throws IOException {
                    try {
                        copy.row(UPSERT_LINE, row, length);
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }

                @Override
                public void delete(long id) throws IOException {
                    try {
                        copy.raw((id + "\t\\N\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }
            });
            copy.end();
        }
        return true;
    }

    /** Stages the table's whole file. */
    private void stageFile(ApiBodies.IndexedTable t) throws SQLException, IOException {
        try (CheckedFile file = CheckedFile.open(server, t, index.dumpId());
                RowScanner rows = new RowScanner(file.json());
                RowCopy copy = target.stage()) {
            for (byte[] row; (row = rows.next()) != null; ) copy.row(UPSERT_LINE, row, rows.length());
            file.verify();
            copy.end();
        }
    }
}
