package org.outboxlab.testsupport;

import java.net.URI;

/**
 * Where the application under test answers: {@code http://127.0.0.1:8080/outbox/} unless the system
 * property {@value #PROPERTY} says otherwise (a port offset, another host), in the JVM that runs
 * the test: the client's for a {@code @RunAsClient} test, the server's for one in the container.
 */
public final class ServerUrl {

    /** The system property that moves the tests to another server. */
    public static final String PROPERTY = "outbox.base-url";

    private ServerUrl() {}

    /**
     * The application's root, ending in {@code /}: the API is {@code api/}, the console {@code
     * console/}.
     */
    public static URI base() {
        String url = System.getProperty(PROPERTY, "http://127.0.0.1:8080/outbox/");
        return URI.create(url.endsWith("/") ? url : url + "/");
    }
}
