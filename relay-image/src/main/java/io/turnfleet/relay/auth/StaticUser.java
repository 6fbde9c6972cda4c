package io.turnfleet.relay.auth;

import java.util.Objects;

/** A user with a fixed password (--user NAME:PASSWORD or a users file line). */
public record StaticUser(String name, String password) {

    public StaticUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (name.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException(redacted(name) + ": expected NAME:PASSWORD with a non-empty name and password");
        }
    }

    /**
     * Parses NAME:PASSWORD, split at the first ':' so the password may contain ':'.
     *
     * @throws IllegalArgumentException whose message shows the value with its password hidden
     */
    public static StaticUser parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'***': no ':' between name and password (expected NAME:PASSWORD)");
        }
        String name = text.substring(0, colon);
        String password = text.substring(colon + 1);
        if (name.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException(redacted(name) + ": name and password must not be empty (expected NAME:PASSWORD)");
        }
        return new StaticUser(name, password);
    }

    /** How a NAME:PASSWORD value appears in messages: the name, never the password. */
    public static String redacted(String name) {
        return "'" + name + ":***'";
    }

    @Override
    public String toString() {
        return "StaticUser[name=" + name + ", password=***]";
    }
}
