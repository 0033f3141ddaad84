package io.datadump.formats;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Rows typed by their columns ({@link BatchTyping}), a batch at a time, column values side by side: per row and column
 * whether it is present and its value: integers, dates, timestamps, decimals and booleans in {@code longs}, a float's
 * bits there too, text and JSON as UTF-8 in the batch's own byte array ({@code starts}, {@code lengths}), a decimal of
 * more than 18 digits in {@code wideDecimals}. A list's elements are rows of {@link #elements()}, a batch of one
 * column, from {@code starts} on, {@code lengths} of them. A batch is filled, written (Parquet, xlsx) and filled
 * again: typing a table allocates no row, no String and no list.
 */
final class TypedBatch {
    /** Rows in a batch at most. */
    static final int MAX_ROWS = 256;

    /** A batch is full once its texts take this many bytes (a contacts row has about 1.5 KB of them). */
    static final int TEXT_BYTES = 256 << 10;

    final int columns;
    boolean[] present;
    long[] longs;
    int[] starts, lengths;
    BigDecimal[] wideDecimals;
    private final int textBytes;
    private int maxRows;
    int rows;
    byte[] text;
    int textUsed;
    private TypedBatch elements;

    TypedBatch(int columns) {
        this(columns, MAX_ROWS, TEXT_BYTES);
    }

    TypedBatch(int columns, int maxRows, int textBytes) {
        this.columns = columns;
        this.maxRows = maxRows;
        this.textBytes = textBytes;
        int n = columns * maxRows;
        present = new boolean[n];
        longs = new long[n];
        starts = new int[n];
        lengths = new int[n];
        wideDecimals = new BigDecimal[n];
        text = new byte[textBytes];
    }

    boolean full() {
        return rows == maxRows || textUsed >= textBytes;
    }

    /** Empties the batch for its next rows; a text array grown for a huge row is let go. */
    void clear() {
        Arrays.fill(wideDecimals, 0, rows * columns, null);
        rows = 0;
        textUsed = 0;
        if (text.length > 4 * textBytes) text = new byte[textBytes];
        if (elements != null) elements.clear();
    }

    /** The elements of the batch's lists, made on first use. */
    TypedBatch elements() {
        if (elements == null) elements = new TypedBatch(1, MAX_ROWS, 64 << 10);
        return elements;
    }

    /** Adds a row to a batch of one column, growing it where it is full (for a list's elements); returns its index. */
    int addRow() {
        if (rows == maxRows) {
            maxRows *= 2;
            present = Arrays.copyOf(present, maxRows);
            longs = Arrays.copyOf(longs, maxRows);
            starts = Arrays.copyOf(starts, maxRows);
            lengths = Arrays.copyOf(lengths, maxRows);
            wideDecimals = Arrays.copyOf(wideDecimals, maxRows);
        }
        present[rows] = false;
        wideDecimals[rows] = null;
        return rows++;
    }

    /** Makes room for {@code bytes} more bytes of text. */
    void reserve(int bytes) {
        if (textUsed + bytes > text.length) text = Arrays.copyOf(text, Math.max(2 * text.length, textUsed + bytes));
    }

    /** Copies {@code length} bytes of {@code from} at {@code start} in as the text value at {@code index}. */
    void putText(int index, byte[] from, int start, int length) {
        reserve(length);
        System.arraycopy(from, start, text, textUsed, length);
        endText(index, length);
    }

    /** Ends the text value at {@code index} that was written at {@code textUsed} with {@code length} bytes. */
    void endText(int index, int length) {
        starts[index] = textUsed;
        lengths[index] = length;
        textUsed += length;
    }
}
