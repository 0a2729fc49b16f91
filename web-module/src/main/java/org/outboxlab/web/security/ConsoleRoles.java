package org.outboxlab.web.security;

/** The console's roles and the lab's, as the ApplicationRealm's groups name them. */
public final class ConsoleRoles {

    /**
     * May look at everything and act: pause, resume, configure, retry, replay, discard, start a lab
     * comparison.
     */
    public static final String ADMIN = "outbox-admin";

    /** May look at everything and change nothing. */
    public static final String VIEWER = "outbox-viewer";

    /**
     * May read and change the fault plan of a lab or test server (as may an admin), nothing else.
     */
    public static final String LAB = "outbox-lab";

    private ConsoleRoles() {}
}
