package io.turnfleet.relay.stun;

/**
 * STUN attribute types this relay reads or writes (RFC 8489 §18.3, RFC 8656 §18, RFC 6062 §6.2,
 * RFC 8445 §16.1). Types below 0x8000 are comprehension-required (RFC 8489 §14).
 */
public final class AttributeType {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int DATA = 0x0013;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    public static final int EVEN_PORT = 0x0018;
    public static final int REQUESTED_TRANSPORT = 0x0019;
    public static final int DONT_FRAGMENT = 0x001A;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int PASSWORD_ALGORITHM = 0x001D;
    public static final int USERHASH = 0x001E;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int RESERVATION_TOKEN = 0x0022;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int CONNECTION_ID = 0x002A;

    public static final int ADDITIONAL_ADDRESS_FAMILY = 0x8000;
    public static final int ADDRESS_ERROR_CODE = 0x8001;
    /**
     * ADDITIONAL-ADDRESS-FAMILY's code point in the drafts before RFC 8656, still sent by coturn's
     * clients (turnutils_uclient -Z); read as an alias of {@link #ADDITIONAL_ADDRESS_FAMILY}.
     */
    public static final int ADDITIONAL_ADDRESS_FAMILY_DRAFT = 0x8032;
    public static final int PASSWORD_ALGORITHMS = 0x8002;
    public static final int SOFTWARE = 0x8022;
    public static final int ALTERNATE_SERVER = 0x8023;
    public static final int ALTERNATE_DOMAIN = 0x8003;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    private AttributeType() {
    }

    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /**
     * Whether this relay understands a comprehension-required attribute. Anything else in a request
     * is answered with 420 (RFC 8489 §7.3.1). USERHASH and PASSWORD-ALGORITHM belong to RFC 8489's
     * password algorithm negotiation, which this relay does not offer (its nonces carry no
     * security-feature cookie), so a client must not send them and they are reported as unknown.
     */
    public static boolean isUnderstood(int type) {
        return switch (type) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES,
                    CHANNEL_NUMBER, LIFETIME, XOR_PEER_ADDRESS, DATA, REALM, NONCE,
                    XOR_RELAYED_ADDRESS, REQUESTED_ADDRESS_FAMILY, EVEN_PORT, REQUESTED_TRANSPORT,
                    DONT_FRAGMENT, MESSAGE_INTEGRITY_SHA256, XOR_MAPPED_ADDRESS, RESERVATION_TOKEN,
                    PRIORITY, USE_CANDIDATE, CONNECTION_ID -> true;
            default -> false;
        };
    }
}
