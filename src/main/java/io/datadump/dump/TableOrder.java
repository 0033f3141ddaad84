package io.datadump.dump;

import io.datadump.db.Handle;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order parallel readers take tables in: largest first, so the table that takes longest is not started last
 * and left to run alone. The size is the account's own from its previous dump; for a first dump it is the source
 * relation's size in pages where a relation has the table's name (a catalog's query may read any view or join; then
 * the table keeps its catalog place).
 */
final class TableOrder {
    private TableOrder() {}

    static List<TablePlans.TablePlan> largestFirst(
            Handle handle, List<TablePlans.TablePlan> plans, Optional<DumpRun> previous) {
        Map<String, Long> size = new HashMap<>();
        Optional<Manifest> manifest = previous.flatMap(DumpRun::manifest);
        if (manifest.isPresent()) {
            for (TableFile f : manifest.get().tables()) size.put(f.name(), f.jsonBytes());
        } else {
            List<String> names = plans.stream().map(p -> p.table().name()).toList();
            handle.query(
                            "SELECT t, coalesce((SELECT relpages FROM pg_class WHERE oid = to_regclass(t)), 0)"
                                    + " FROM unnest(?::text[]) t",
                            rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                            names)
                    .forEach(e -> size.put(e.getKey(), e.getValue()));
        }
        // a stable sort: equal sizes keep the catalog's order
        return plans.stream()
                .sorted(Comparator.comparingLong((TablePlans.TablePlan p) ->
                                size.getOrDefault(p.table().name(), 0L))
                        .reversed())
                .toList();
    }
}
