package io.datadump.storage;

import java.io.IOException;

/**
 * A stored object cannot be read as what it claims to be (a delta's recipe that is cut short, out of bounds, or does
 * not add up to its size; a data file missing or too short). Raised before any of its bytes are handed out.
 */
public final class DamagedObjectException extends IOException {
    public DamagedObjectException(String message) {
        super(message);
    }
}
