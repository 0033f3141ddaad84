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
}
