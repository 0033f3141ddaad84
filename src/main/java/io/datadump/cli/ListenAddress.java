package io.datadump.cli;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/** Checks a --host before anything starts: it must be an address of this machine (or 0.0.0.0 / ::, every address). */
final class ListenAddress {
    private ListenAddress() {}

    static String check(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()
                    || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return host;
            }
        } catch (UnknownHostException | SocketException e) {
            // refused below
        }
        throw new Cli.UsageException("--host " + host + " is not an address of this machine; use 0.0.0.0 for every"
                + " address, 127.0.0.1 for this machine only, or one of its own addresses");
    }

    /** How a browser on this machine reaches a server listening on {@code host}: localhost for loopback or every address. */
    static String reachableAs(String host) {
        InetAddress address = resolved(host);
        return address.isAnyLocalAddress() || address.isLoopbackAddress() ? "localhost" : bracketed(host);
    }

    /** What a listening line says of {@code host}: which interfaces hear it. */
    static String describe(String host, int port) {
        InetAddress address = resolved(host);
        String hostPort = bracketed(host) + ":" + port;
        if (address.isAnyLocalAddress()) return hostPort + ", every interface";
        if (address.isLoopbackAddress()) return hostPort + ", this machine only";
        return hostPort;
    }

    /** A host {@link #check} accepted, as an address. */
    private static InetAddress resolved(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("--host " + host + " was checked before", e);
        }
    }

    /** An IPv6 address in brackets, as it stands in a URL or before a port. */
    private static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
