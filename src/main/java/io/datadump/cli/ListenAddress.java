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
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()) return "localhost";
        } catch (UnknownHostException e) {
            // checked before: cannot happen
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** What a listening line says of {@code host}: which interfaces hear it. */
    static String describe(String host, int port) {
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) return hostPort + ", every interface";
            if (address.isLoopbackAddress()) return hostPort + ", this machine only";
        } catch (UnknownHostException e) {
            // checked before: cannot happen
        }
        return hostPort;
    }
}
