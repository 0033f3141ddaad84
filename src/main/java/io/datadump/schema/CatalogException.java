package io.datadump.schema;

import java.util.List;

/** A catalog that cannot be dumped from: each problem is one line, naming the file and saying what is wrong. */
public final class CatalogException extends RuntimeException {
    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super(
                problems.size() == 1
                        ? problems.get(0)
                        : "the catalog has " + problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
