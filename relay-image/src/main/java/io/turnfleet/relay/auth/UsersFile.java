package io.turnfleet.relay.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The --users-file format. Error messages name the file and line, never the line's content. */
final class UsersFile {

    private UsersFile() {
    }

    static List<StaticUser> parse(Path file, String content) throws IOException {
        List<StaticUser> users = new ArrayList<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IOException("users file " + file + " line " + lineNumber
                        + ": expected name:password with a non-empty name and password");
            }
            String name = line.substring(0, colon);
            Integer earlier = lineOfName.putIfAbsent(name, lineNumber);
            if (earlier != null) {
                throw new IOException("users file " + file + " line " + lineNumber + ": user '" + name
                        + "' is already defined on line " + earlier);
            }
            users.add(new StaticUser(name, line.substring(colon + 1)));
        }
        return users;
    }
}
