package io.datadump.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Keeps tenants' destinations off the operator's own networks: an endpoint or host that resolves to a loopback,
 * private, link-local (cloud metadata, 169.254.169.254) or carrier-grade NAT address is refused, unless the operator
 * allows private networks (DATADUMP_DELIVERY_PRIVATE_NETWORKS=true, e.g. for a NAS on the same LAN).
 */
final class NetworkPolicy {
    private final boolean privateNetworks;

    NetworkPolicy(boolean privateNetworks) {
        this.privateNetworks = privateNetworks;
    }

    void check(String host) throws DeliveryException {
        if (privateNetworks) return;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw DeliveryException.transientFailure("the host " + host + " is not known to DNS", e);
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                throw DeliveryException.permanent(
                        "the host " + host + " is on a private network (" + a.getHostAddress() + "), which this"
                                + " service does not deliver to; its operator can allow it with"
                                + " DATADUMP_DELIVERY_PRIVATE_NETWORKS=true",
                        null);
            }
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // carrier-grade NAT 100.64.0.0/10
    }
}
