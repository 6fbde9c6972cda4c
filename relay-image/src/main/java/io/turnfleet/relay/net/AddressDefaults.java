package io.turnfleet.relay.net;

import io.turnfleet.relay.config.ListenAddress;
import io.turnfleet.relay.config.RelayConfig;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/**
 * Fills in the relay addresses a configuration leaves open. Bind: --relay-ip, else the listen
 * address when it is specific, else the wildcard. Advertise: --external-ip, else the bind address
 * when specific, else the host's first usable interface address. IPv6 is relayed only when some
 * IPv6 address was configured (--listen, --relay-ip or --external-ip).
 */
final class AddressDefaults {
    private AddressDefaults() {
    }

    static RelayAddresses resolve(RelayConfig config) {
        InetAddress bindV4 = bind(config, true);
        InetAddress bindV6 = bind(config, false);
        if (config.externalIpFile().isPresent()) {
            return RelayAddresses.fromFile(bindV4, bindV6, config.externalIpFile().get());
        }
        return RelayAddresses.fixed(bindV4, bindV6, advertised(config, bindV4, true),
                advertised(config, bindV6, false));
    }

    private static InetAddress bind(RelayConfig config, boolean ipv4) {
        InetAddress configured = ofFamily(config.relayIps(), ipv4);
        if (configured != null) {
            return configured;
        }
        for (ListenAddress listen : config.listen()) {
            InetAddress address = listen.address().getAddress();
            if (isFamily(address, ipv4) && !address.isAnyLocalAddress()) {
                return address;
            }
        }
        boolean wanted = ipv4 || ofFamily(config.externalIps(), false) != null
                || config.listen().stream().anyMatch(l -> l.address().getAddress() instanceof Inet6Address);
        if (!wanted) {
            return null;
        }
        try {
            return InetAddress.getByName(ipv4 ? "0.0.0.0" : "::");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("wildcard literals always parse", e);
        }
    }

    private static InetAddress advertised(RelayConfig config, InetAddress bind, boolean ipv4) {
        if (bind == null) {
            return null;
        }
        InetAddress configured = ofFamily(config.externalIps(), ipv4);
        if (configured != null) {
            return configured;
        }
        if (!bind.isAnyLocalAddress()) {
            return bind;
        }
        return firstInterfaceAddress(ipv4);
    }

    private static InetAddress firstInterfaceAddress(boolean ipv4) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (isFamily(address, ipv4) && !address.isLinkLocalAddress() && !address.isLoopbackAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }

    private static InetAddress ofFamily(List<InetAddress> addresses, boolean ipv4) {
        for (InetAddress address : addresses) {
            if (isFamily(address, ipv4)) {
                return address;
            }
        }
        return null;
    }

    private static boolean isFamily(InetAddress address, boolean ipv4) {
        return ipv4 ? address instanceof Inet4Address : address instanceof Inet6Address;
    }
}
