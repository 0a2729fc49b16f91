package org.outboxlab.web.console;

/** The two console roles, as the ApplicationRealm's groups name them. */
public final class ConsoleRoles {

    /** May look at everything and act: pause, resume, configure, retry, replay, discard, start a lab comparison. */
    public static final String ADMIN = "outbox-admin";
    /** May look at everything and change nothing. */
    public static final String VIEWER = "outbox-viewer";

    private ConsoleRoles() {
    }
}
