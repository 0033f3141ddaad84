package io.datadump.delivery;

import java.io.IOException;

/**
 * A delivery that failed, saying why in one sentence the tenant can act on, and whether trying again can help: a
 * refused password or a wrong host key stays refused (no retry storm against the tenant's server), a dropped
 * connection may not.
 */
public final class DeliveryException extends IOException {
    private final boolean permanent;

    private DeliveryException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    static DeliveryException permanent(String message, Throwable cause) {
        return new DeliveryException(message, cause, true);
    }

    static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(message, cause, false);
    }

    public boolean permanent() {
        return permanent;
    }
}
