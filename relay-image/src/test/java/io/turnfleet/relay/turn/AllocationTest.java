package io.turnfleet.relay.turn;

import io.turnfleet.relay.config.Transport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationTest {

    /** An arbitrary nanoTime origin, far from zero so that overflow-safe comparisons matter. */
    private static final long T0 = Long.MAX_VALUE - TimeUnit.MINUTES.toNanos(30);
    private static final FiveTuple FIVE_TUPLE = new FiveTuple(address("192.0.2.10", 40000),
            address("198.51.100.1", 3478), Transport.UDP);
    private static final InetSocketAddress RELAYED_IPV4 = address("198.51.100.1", 50000);
    private static final InetSocketAddress RELAYED_IPV6 = address("2001:db8::1", 50002);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static InetSocketAddress address(String literal, int port) {
        return new InetSocketAddress(ip(literal), port);
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    private static Allocation allocation(long lifetimeSeconds) {
        return new Allocation(FIVE_TUPLE, "alice", RELAYED_IPV4, null, 0x1122334455667788L, 0x99aabbcc, 0,
                lifetimeSeconds, T0);
    }

    private static Allocation allocationWithBandwidth(long bytesPerSecond) {
        return new Allocation(FIVE_TUPLE, "alice", RELAYED_IPV4, null, 1, 1, bytesPerSecond, 600, T0);
    }

    @Nested
    class Identity {

        @Test
        void allocationWithoutAnyRelayedAddressIsRefused() {
            assertThatThrownBy(() -> new Allocation(FIVE_TUPLE, "alice", null, null, 1, 1, 0, 600, T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("relayed address");
        }

        @Test
        void keepsFiveTupleUsernameAndRelayedAddresses() {
            Allocation allocation = new Allocation(FIVE_TUPLE, "alice", RELAYED_IPV4, RELAYED_IPV6, 1, 1, 0, 600, T0);

            assertThat(allocation.fiveTuple()).isEqualTo(FIVE_TUPLE);
            assertThat(allocation.username()).isEqualTo("alice");
            assertThat(allocation.relayedIpv4()).isEqualTo(RELAYED_IPV4);
            assertThat(allocation.relayedIpv6()).isEqualTo(RELAYED_IPV6);
        }

        @Test
        void relaysOnlyTheFamiliesItHasAnAddressFor() {
            Allocation ipv4Only = allocation(600);
            Allocation ipv6Only = new Allocation(FIVE_TUPLE, "alice", null, RELAYED_IPV6, 1, 1, 0, 600, T0);

            assertThat(ipv4Only.relaysFamilyOf(ip("203.0.113.7"))).isTrue();
            assertThat(ipv4Only.relaysFamilyOf(ip("2001:db8::7"))).isFalse();
            assertThat(ipv6Only.relaysFamilyOf(ip("203.0.113.7"))).isFalse();
            assertThat(ipv6Only.relaysFamilyOf(ip("2001:db8::7"))).isTrue();
        }

        @Test
        void recognisesTheTransactionThatCreatedIt() {
            Allocation allocation = allocation(600);

            assertThat(allocation.isCreatedBy(0x1122334455667788L, 0x99aabbcc)).isTrue();
            assertThat(allocation.isCreatedBy(0x1122334455667788L, 0x99aabbcd)).isFalse();
            assertThat(allocation.isCreatedBy(0x1122334455667789L, 0x99aabbcc)).isFalse();
        }
    }

    @Nested
    class Lifetime {

        @Test
        void expiresWhenItsLifetimeHasPassed() {
            Allocation allocation = allocation(600);

            assertThat(allocation.isExpired(T0 + seconds(600) - 1)).isFalse();
            assertThat(allocation.isExpired(T0 + seconds(600))).isTrue();
        }

        @Test
        void remainingSecondsCountDownToZeroAndNeverBelow() {
            Allocation allocation = allocation(600);

            assertThat(allocation.remainingSeconds(T0)).isEqualTo(600);
            assertThat(allocation.remainingSeconds(T0 + seconds(100))).isEqualTo(500);
            assertThat(allocation.remainingSeconds(T0 + seconds(900))).isZero();
        }

        @Test
        void refreshStartsANewLifetimeFromNow() {
            Allocation allocation = allocation(600);

            allocation.refresh(3600, T0 + seconds(500));

            assertThat(allocation.isExpired(T0 + seconds(4099))).isFalse();
            assertThat(allocation.isExpired(T0 + seconds(4100))).isTrue();
        }

        @Test
        void drainDeadlineShortensTheLifetimeButNeverExtendsIt() {
            Allocation allocation = allocation(600);

            allocation.expireNoLaterThan(T0 + seconds(900));
            assertThat(allocation.isExpired(T0 + seconds(600))).isTrue();

            allocation.expireNoLaterThan(T0 + seconds(60));
            assertThat(allocation.isExpired(T0 + seconds(59))).isFalse();
            assertThat(allocation.isExpired(T0 + seconds(60))).isTrue();
        }
    }

    @Nested
    class Permissions {

        @Test
        void permissionIsForThePeerIpWhateverThePort() {
            Allocation allocation = allocation(600);

            assertThat(allocation.installPermission(ip("203.0.113.7"), T0)).isTrue();

            Permission permission = allocation.permissionFor(ip("203.0.113.7"), T0);
            assertThat(permission).isNotNull();
            assertThat(permission.peer()).isEqualTo(ip("203.0.113.7"));
            assertThat(permission.rawPeer()).containsExactly(203, 0, 113, 7);
            assertThat(allocation.permissionFor(ip("203.0.113.8"), T0)).isNull();
        }

        @Test
        void permissionLastsFiveMinutes() {
            Allocation allocation = allocation(3600);
            allocation.installPermission(ip("203.0.113.7"), T0);

            assertThat(allocation.permissionFor(ip("203.0.113.7"), T0 + seconds(300) - 1)).isNotNull();
            assertThat(allocation.permissionFor(ip("203.0.113.7"), T0 + seconds(300))).isNull();
        }

        @Test
        void installingAgainRefreshesWithoutAddingASecondPermission() {
            Allocation allocation = allocation(3600);
            allocation.installPermission(ip("203.0.113.7"), T0);

            allocation.installPermission(ip("203.0.113.7"), T0 + seconds(200));

            assertThat(allocation.permissionCount()).isEqualTo(1);
            assertThat(allocation.permissionFor(ip("203.0.113.7"), T0 + seconds(499))).isNotNull();
            assertThat(allocation.permissionFor(ip("203.0.113.7"), T0 + seconds(500))).isNull();
        }

        @Test
        void ipv6PeerGetsItsOwnPermission() {
            Allocation allocation = new Allocation(FIVE_TUPLE, "alice", RELAYED_IPV4, RELAYED_IPV6, 1, 1, 0, 600, T0);
            allocation.installPermission(ip("2001:db8::7"), T0);

            assertThat(allocation.permissionFor(ip("2001:db8::7"), T0).rawPeer()).hasSize(16);
            assertThat(allocation.permissionFor(ip("2001:db8::8"), T0)).isNull();
        }

        @Test
        void atMostMaxPermissionsAreInstalledButExistingOnesStillRefresh() {
            Allocation allocation = allocation(3600);
            for (int i = 0; i < Allocation.MAX_PERMISSIONS; i++) {
                assertThat(allocation.installPermission(ip("10.0." + (i / 256) + "." + (i % 256)), T0)).isTrue();
            }

            assertThat(allocation.installPermission(ip("10.9.9.9"), T0)).isFalse();
            assertThat(allocation.installPermission(ip("10.0.0.0"), T0 + seconds(1))).isTrue();
            assertThat(allocation.permissionCount()).isEqualTo(Allocation.MAX_PERMISSIONS);
        }

        @Test
        void roomForPermissionsCountsOnlyPeersWithoutOne() {
            Allocation allocation = allocation(3600);
            for (int i = 0; i < Allocation.MAX_PERMISSIONS - 1; i++) {
                allocation.installPermission(ip("10.0." + (i / 256) + "." + (i % 256)), T0);
            }

            assertThat(allocation.hasRoomForPermissions(new InetAddress[] {ip("10.0.0.0"), ip("10.9.9.9")})).isTrue();
            assertThat(allocation.hasRoomForPermissions(new InetAddress[] {ip("10.9.9.8"), ip("10.9.9.9")})).isFalse();
        }

        @Test
        void removeExpiredDropsOnlyExpiredPermissions() {
            Allocation allocation = allocation(3600);
            allocation.installPermission(ip("203.0.113.7"), T0);
            allocation.installPermission(ip("203.0.113.8"), T0 + seconds(100));

            int removed = allocation.removeExpired(T0 + seconds(300));

            assertThat(removed).isEqualTo(1);
            assertThat(allocation.permissionCount()).isEqualTo(1);
            assertThat(allocation.permissionFor(ip("203.0.113.8"), T0 + seconds(300))).isNotNull();
        }
    }

    @Nested
    class ChannelBindings {

        private final InetSocketAddress peerA = address("203.0.113.7", 5000);
        private final InetSocketAddress peerB = address("203.0.113.8", 5000);

        @Test
        void bindingAChannelInstallsThePeersPermission() {
            Allocation allocation = allocation(3600);

            assertThat(allocation.bindChannel(0x4000, peerA, T0)).isEqualTo(BindResult.BOUND);

            assertThat(allocation.channel(0x4000, T0).peer()).isEqualTo(peerA);
            assertThat(allocation.channelTo(peerA, T0).number()).isEqualTo(0x4000);
            assertThat(allocation.permissionFor(peerA.getAddress(), T0)).isNotNull();
            assertThat(allocation.activeChannelCount(T0)).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(ints = {0x4000, 0x4FFF, 0x5000, 0x7FFF})
        void numbersOfRfc8656AndOfRfc5766AreBound(int number) {
            Allocation allocation = allocation(3600);

            assertThat(allocation.bindChannel(number, peerA, T0)).isEqualTo(BindResult.BOUND);
            assertThat(allocation.channel(number, T0).peer()).isEqualTo(peerA);
        }

        @Test
        void bindingTheSamePairAgainRefreshesBindingAndPermission() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);

            assertThat(allocation.bindChannel(0x4000, peerA, T0 + seconds(290))).isEqualTo(BindResult.REFRESHED);

            assertThat(allocation.permissionFor(peerA.getAddress(), T0 + seconds(589))).isNotNull();
            assertThat(allocation.channel(0x4000, T0 + seconds(889))).isNotNull();
            assertThat(allocation.channel(0x4000, T0 + seconds(890))).isNull();
        }

        @Test
        void channelWithSameNumberOtherPeerIsRejected() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);

            assertThat(allocation.bindChannel(0x4000, peerB, T0)).isEqualTo(BindResult.NUMBER_BOUND_TO_OTHER_PEER);
            assertThat(allocation.channel(0x4000, T0).peer()).isEqualTo(peerA);
        }

        @Test
        void samePeerIpWithOtherPortIsAnotherTransportAddress() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);
            InetSocketAddress otherPort = address("203.0.113.7", 5001);

            assertThat(allocation.bindChannel(0x4000, otherPort, T0)).isEqualTo(BindResult.NUMBER_BOUND_TO_OTHER_PEER);
            assertThat(allocation.bindChannel(0x4001, otherPort, T0)).isEqualTo(BindResult.BOUND);
        }

        @Test
        void peerBoundToOneNumberCannotTakeAnother() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);

            assertThat(allocation.bindChannel(0x4001, peerA, T0)).isEqualTo(BindResult.PEER_BOUND_TO_OTHER_NUMBER);
            assertThat(allocation.channel(0x4001, T0)).isNull();
        }

        @Test
        void bindingStopsRelayingAfterTenMinutes() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);

            assertThat(allocation.channel(0x4000, T0 + seconds(600) - 1)).isNotNull();
            assertThat(allocation.channel(0x4000, T0 + seconds(600))).isNull();
            assertThat(allocation.channelTo(peerA, T0 + seconds(600))).isNull();
            assertThat(allocation.activeChannelCount(T0 + seconds(600))).isZero();
        }

        @Test
        void expiredNumberIsHeldFiveMinutesBeforeAnotherPeerMayTakeIt() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);
            long expiry = T0 + seconds(600);

            assertThat(allocation.bindChannel(0x4000, peerB, expiry + seconds(300) - 1))
                    .isEqualTo(BindResult.NUMBER_BOUND_TO_OTHER_PEER);
            assertThat(allocation.bindChannel(0x4000, peerB, expiry + seconds(300))).isEqualTo(BindResult.BOUND);
            assertThat(allocation.channel(0x4000, expiry + seconds(300)).peer()).isEqualTo(peerB);
        }

        @Test
        void expiredPeerIsHeldFiveMinutesBeforeItMayTakeAnotherNumber() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);
            long expiry = T0 + seconds(600);

            assertThat(allocation.bindChannel(0x4001, peerA, expiry + seconds(300) - 1))
                    .isEqualTo(BindResult.PEER_BOUND_TO_OTHER_NUMBER);
            assertThat(allocation.bindChannel(0x4001, peerA, expiry + seconds(300))).isEqualTo(BindResult.BOUND);
        }

        @Test
        void expiredBindingCanBeRevivedBySamePairDuringTheHold() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);
            long duringHold = T0 + seconds(700);

            assertThat(allocation.bindChannel(0x4000, peerA, duringHold)).isEqualTo(BindResult.REFRESHED);
            assertThat(allocation.channel(0x4000, duringHold).peer()).isEqualTo(peerA);
        }

        @Test
        void removeExpiredDropsBindingsOnlyAfterTheirHold() {
            Allocation allocation = allocation(3600);
            allocation.bindChannel(0x4000, peerA, T0);

            assertThat(allocation.removeExpired(T0 + seconds(899))).as("the permission, expired at 300 s").isEqualTo(1);
            assertThat(allocation.removeExpired(T0 + seconds(900))).as("the binding, held until 900 s").isEqualTo(1);
            assertThat(allocation.removeExpired(T0 + seconds(901))).isZero();
        }

        @Test
        void atMostMaxChannelsAreBound() {
            Allocation allocation = allocation(3600);
            for (int i = 0; i < Allocation.MAX_CHANNELS; i++) {
                assertThat(allocation.bindChannel(0x4000 + i, address("203.0.113.7", 10000 + i), T0))
                        .isEqualTo(BindResult.BOUND);
            }

            assertThat(allocation.bindChannel(0x4000 + Allocation.MAX_CHANNELS, address("203.0.113.7", 9999), T0))
                    .isEqualTo(BindResult.TOO_MANY_BINDINGS);
            assertThat(allocation.bindChannel(0x4000, address("203.0.113.7", 10000), T0))
                    .isEqualTo(BindResult.REFRESHED);
        }

        @Test
        void bindingFailsWhenItsPermissionCannotBeInstalled() {
            Allocation allocation = allocation(3600);
            for (int i = 0; i < Allocation.MAX_PERMISSIONS; i++) {
                allocation.installPermission(ip("10.0." + (i / 256) + "." + (i % 256)), T0);
            }

            assertThat(allocation.bindChannel(0x4000, peerA, T0)).isEqualTo(BindResult.TOO_MANY_BINDINGS);
            assertThat(allocation.channel(0x4000, T0)).isNull();
        }
    }

    @Nested
    class Bandwidth {

        @Test
        void zeroLimitAdmitsEverything() {
            Allocation allocation = allocationWithBandwidth(0);

            assertThat(allocation.admit(Integer.MAX_VALUE, T0)).isTrue();
            assertThat(allocation.admit(Integer.MAX_VALUE, T0)).isTrue();
        }

        @Test
        void oneSecondOfBytesIsAdmittedAtOnceThenNoMore() {
            Allocation allocation = allocationWithBandwidth(1000);

            assertThat(allocation.admit(600, T0)).isTrue();
            assertThat(allocation.admit(400, T0)).isTrue();
            assertThat(allocation.admit(1, T0)).isFalse();
        }

        @Test
        void packetLargerThanWhatIsLeftIsRefusedWhileSmallerOnesPass() {
            Allocation allocation = allocationWithBandwidth(1000);
            allocation.admit(900, T0);

            assertThat(allocation.admit(200, T0)).isFalse();
            assertThat(allocation.admit(100, T0)).isTrue();
        }

        @Test
        void bytesComeBackInProportionToElapsedTime() {
            Allocation allocation = allocationWithBandwidth(1000);
            allocation.admit(1000, T0);

            assertThat(allocation.admit(250, T0 + TimeUnit.MILLISECONDS.toNanos(250))).isTrue();
            assertThat(allocation.admit(1, T0 + TimeUnit.MILLISECONDS.toNanos(250))).isFalse();
        }

        @Test
        void burstNeverExceedsOneSecondOfBytes() {
            Allocation allocation = allocationWithBandwidth(1000);
            allocation.admit(1000, T0);

            long muchLater = T0 + seconds(60);
            assertThat(allocation.admit(1000, muchLater)).isTrue();
            assertThat(allocation.admit(1, muchLater)).isFalse();
        }
    }
}
