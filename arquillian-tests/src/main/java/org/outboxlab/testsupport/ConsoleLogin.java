package org.outboxlab.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A console user and password. The test server's users get known passwords from {@code
 * prepare-server.sh}; {@code OUTBOX_ADMIN_PASSWORD} / {@code OUTBOX_VIEWER_PASSWORD} (or the system
 * properties {@code outbox.admin.password} / {@code outbox.viewer.password}) override them.
 */
public record ConsoleLogin(String user, String password) {

    public static ConsoleLogin admin() {
        return new ConsoleLogin(
                "outbox-admin",
                secret("outbox.admin.password", "OUTBOX_ADMIN_PASSWORD", "admin-Test-1"));
    }

    public static ConsoleLogin viewer() {
        return new ConsoleLogin(
                "outbox-viewer",
                secret("outbox.viewer.password", "OUTBOX_VIEWER_PASSWORD", "viewer-Test-1"));
    }

    /**
     * The line the properties realm keeps for this user: {@code user=HEX(MD5(user:ApplicationRealm:
     * password))}, as add-user.sh and configure-wildfly.sh write it.
     */
    public String realmLine() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("MD5")
                            .digest(
                                    (user + ":ApplicationRealm:" + password)
                                            .getBytes(StandardCharsets.UTF_8));
            return user + "=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secret(String property, String variable, String testDefault) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? testDefault : value;
    }
}
