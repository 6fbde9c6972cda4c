package io.turnfleet.relay.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users with fixed passwords: the --user entries and the lines of the --users-file
 * ({@code name:password}, split at the first ':'; surrounding blanks trimmed; blank lines and lines
 * starting with '#' ignored). A command-line user wins over a file line of the same name.
 *
 * <p>Keys are derived once per change, so a lookup is one map read; passwords are not kept.
 * A file that fails to read or parse leaves the previous users in place.
 */
public final class StaticUsers implements CredentialChecker, Reloadable {

    private final String realm;
    private final Map<String, CredentialLookup> commandLineUsers;
    private final Path usersFile;
    private volatile Map<String, CredentialLookup> users;
    private volatile int fileUserCount;
    private byte[] fileDigest = new byte[0];

    /**
     * @param usersFile the --users-file, or null
     * @throws IOException when the users file cannot be read or has a malformed line
     */
    public StaticUsers(String realm, List<StaticUser> commandLineUsers, Path usersFile) throws IOException {
        this.realm = realm;
        this.commandLineUsers = derive(commandLineUsers);
        this.usersFile = usersFile;
        this.users = this.commandLineUsers;
        refresh();
    }

    /** Command-line users only. */
    public static StaticUsers of(String realm, List<StaticUser> users) {
        try {
            return new StaticUsers(realm, users, null);
        } catch (IOException noFileNoIo) {
            throw new IllegalStateException(noFileNoIo);
        }
    }

    @Override
    public CredentialLookup lookup(String username, long nowEpochSeconds) {
        CredentialLookup lookup = users.get(username);
        return lookup != null ? lookup : CredentialLookup.UNKNOWN_USER;
    }

    /** Number of distinct users. */
    public int count() {
        return users.size();
    }

    @Override
    public synchronized boolean refresh() throws IOException {
        if (usersFile == null) {
            return false;
        }
        byte[] content = Files.readAllBytes(usersFile);
        byte[] digest = sha256(content);
        if (Arrays.equals(digest, fileDigest)) {
            return false;
        }
        List<StaticUser> fileUsers = UsersFile.parse(usersFile, decode(content));
        Map<String, CredentialLookup> merged = new HashMap<>(derive(fileUsers));
        merged.putAll(commandLineUsers);
        users = Map.copyOf(merged);
        fileUserCount = fileUsers.size();
        fileDigest = digest;
        return true;
    }

    @Override
    public String summary() {
        return usersFile == null
                ? "static users: " + users.size() + " from --user"
                : "users file " + usersFile + ": " + fileUserCount + " users, " + users.size() + " in total with --user";
    }

    private Map<String, CredentialLookup> derive(List<StaticUser> list) {
        Map<String, CredentialLookup> out = new LinkedHashMap<>();
        for (StaticUser user : list) {
            byte[][] keys = {LongTermKey.derive(user.name(), realm, user.password())};
            out.put(user.name(), CredentialLookup.valid(keys, CredentialLookup.NEVER));
        }
        return Map.copyOf(out);
    }

    private String decode(byte[] content) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("users file " + usersFile + ": not UTF-8 text", e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException everyJavaPlatformHasSha256) {
            throw new IllegalStateException(everyJavaPlatformHasSha256);
        }
    }
}
