package io.turnfleet.relay.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggedAddressTest {

    @AfterEach
    void showAddressesAgain() {
        LoggedAddress.hide(false);
    }

    @Test
    void ipv4AddressShowsIpAndPort() throws UnknownHostException {
        assertThat(LoggedAddress.of(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 50000)))
                .hasToString("203.0.113.7:50000");
    }

    @Test
    void ipv6AddressIsCompressedAndBracketed() throws UnknownHostException {
        assertThat(LoggedAddress.of(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 3478)))
                .hasToString("[2001:db8::1]:3478");
    }

    @Test
    void addressWithoutPortShowsTheIpOnly() throws UnknownHostException {
        assertThat(LoggedAddress.of(InetAddress.getByName("198.51.100.9"))).hasToString("198.51.100.9");
        assertThat(LoggedAddress.of(InetAddress.getByName("2001:db8::9"))).hasToString("2001:db8::9");
    }

    @Test
    void hiddenAddressesKeepOnlyFamilyAndPort() throws UnknownHostException {
        LoggedAddress.hide(true);

        assertThat(LoggedAddress.of(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 50000)))
                .hasToString("xx.xx.xx.xx:50000");
        assertThat(LoggedAddress.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 3478)))
                .hasToString("[xx:xx:xx:xx:xx:xx:xx:xx]:3478");
        assertThat(LoggedAddress.of(InetAddress.getByName("198.51.100.9"))).hasToString("xx.xx.xx.xx");
        assertThat(LoggedAddress.of(InetSocketAddress.createUnresolved("relay.example.org", 3478)))
                .hasToString("xx:3478");
    }

    @Test
    void addressLoggedBeforeHidingIsMaskedWhenWritten() throws UnknownHostException {
        LoggedAddress logged = LoggedAddress.of(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 1));

        LoggedAddress.hide(true);

        assertThat(logged).hasToString("xx.xx.xx.xx:1");
    }

    @Test
    void unresolvedAddressShowsItsHostName() {
        assertThat(LoggedAddress.of(InetSocketAddress.createUnresolved("relay.example.org", 3478)))
                .hasToString("relay.example.org:3478");
    }
}
