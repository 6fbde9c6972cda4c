package io.turnfleet.relay.net;

import io.turnfleet.relay.auth.Reloadable;
import io.turnfleet.relay.config.RelayConfig;
import io.turnfleet.relay.fleet.AlternateServer;
import io.turnfleet.relay.fleet.AlternateServers;
import io.turnfleet.relay.turn.OwnAddresses;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gathers the relay's own addresses ({@link OwnAddresses}) and publishes them as one immutable
 * snapshot. Named explicitly, so own even when loopback: --relay-ip, --external-ip, every address of
 * the fleet's relay nodes (--fleet-addresses-file) and the relays of the alternates file
 * (--alternate-servers-file). Found, so not own when loopback peers are allowed (tests):
 * the bind and advertised addresses in use (the advertised one may come from --external-ip-file) and
 * every address of the host's interfaces. Registered with the file reloader after the files it
 * depends on, it gathers again when one of them changed and publishes a new snapshot.
 *
 * <p>The host's interfaces count whatever address the relay binds: with host networking the kubelet
 * and other node daemons listen on every node address, not only on the one the relay serves.
 */
public final class OwnAddressSource implements Reloadable {
    private final List<InetAddress> named;
    private final RelayAddresses addresses;
    private final AlternateServers fleet;
    private final Supplier<List<InetAddress>> fleetAddresses;
    private final Supplier<List<InetAddress>> interfaces;
    private final boolean loopbackPeersAllowed;
    private final int minPort;
    private final int maxPort;
    private List<Object> lastInputs;
    private volatile OwnAddresses current;

    OwnAddressSource(List<InetAddress> named, RelayAddresses addresses, AlternateServers fleet,
                     Supplier<List<InetAddress>> fleetAddresses, Supplier<List<InetAddress>> interfaces,
                     boolean loopbackPeersAllowed, int minPort, int maxPort) {
        this.named = List.copyOf(named);
        this.addresses = addresses;
        this.fleet = fleet;
        this.fleetAddresses = fleetAddresses;
        this.interfaces = interfaces;
        this.loopbackPeersAllowed = loopbackPeersAllowed;
        this.minPort = minPort;
        this.maxPort = maxPort;
        refresh();
    }

    /**
     * The own addresses of a configured relay, gathered once now.
     *
     * @param fleetAddresses the addresses of the fleet's relay nodes read last (--fleet-addresses-file)
     */
    public static OwnAddressSource forConfig(RelayConfig config, RelayAddresses addresses, AlternateServers fleet,
                                             Supplier<List<InetAddress>> fleetAddresses) {
        List<InetAddress> named = new ArrayList<>(config.relayIps());
        named.addAll(config.externalIps());
        return new OwnAddressSource(named, addresses, fleet, fleetAddresses, OwnAddressSource::interfaceAddresses,
                config.allowLoopbackPeers(), config.relayPorts().min(), config.relayPorts().max());
    }

    /** A fixed set that is never gathered again (tests and benchmarks). */
    public static OwnAddressSource fixed(OwnAddresses addresses) {
        OwnAddressSource source = new OwnAddressSource(List.of(), RelayAddresses.fixed(null, null, null, null),
                AlternateServers.none(), List::of, List::of, true, 1, 65_535);
        source.current = addresses;
        return source;
    }

    /** The addresses in effect now; read on the packet path. */
    public OwnAddresses current() {
        return current;
    }

    @Override
    public boolean refresh() {
        List<Object> inputs = List.of(addresses.advertised(), fleet.servers(), fleetAddresses.get());
        if (inputs.equals(lastInputs)) {
            return false;
        }
        lastInputs = inputs;
        List<InetAddress> namedNow = new ArrayList<>(named);
        namedNow.addAll(fleetAddresses.get());
        for (AlternateServer relay : fleet.servers()) {
            namedNow.add(relay.address().getAddress());
        }
        List<InetAddress> others = new ArrayList<>(addresses.advertised());
        for (boolean ipv4 : new boolean[] {true, false}) {
            if (addresses.bind(ipv4) != null) {
                others.add(addresses.bind(ipv4));
            }
        }
        others.addAll(interfaces.get());
        OwnAddresses gathered = OwnAddresses.of(namedNow, others, loopbackPeersAllowed, minPort, maxPort);
        boolean changed = !gathered.equals(current);
        current = gathered;
        return changed;
    }

    @Override
    public String summary() {
        return "own addresses (relay, node, fleet): " + current.size() + " addresses";
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                found.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // Without the list the relay still knows its configured, advertised and fleet addresses.
            return found;
        }
        return found;
    }
}
