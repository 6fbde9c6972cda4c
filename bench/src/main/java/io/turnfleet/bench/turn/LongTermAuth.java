package io.turnfleet.bench.turn;

/** What an authenticated request carries (RFC 8489 §9.2.4): who, in which realm, with which nonce and key. */
public record LongTermAuth(String username, String realm, String nonce, byte[] key) {
    @Override
    public String toString() {
        return "LongTermAuth[username=" + username + ", realm=" + realm + "]";
    }
}
