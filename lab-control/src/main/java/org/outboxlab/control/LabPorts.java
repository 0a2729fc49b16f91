package org.outboxlab.control;

/**
 * Where the lab's processes listen, all on 127.0.0.1: PostgreSQL, the Artemis broker, and WildFly's
 * ports moved by {@code portOffset} (HTTP 8080 + offset, management 9990 + offset).
 */
public record LabPorts(int postgres, int broker, int portOffset) {

    /**
     * The comparison's defaults, clear of a developer's WildFly on 8080 and of the test suite. The
     * database's port lies below Linux's ephemeral range (32768-60999): a port in it can be taken
     * by any outgoing connection while PostgreSQL is down, and its restart then fails to bind.
     */
    public static final LabPorts DEFAULT = new LabPorts(25450, 61650, 200);

    public LabPorts {
        for (int port : new int[] {postgres, broker, 8080 + portOffset, 9990 + portOffset}) {
            if (port < 1024 || port > 65535) {
                throw new IllegalArgumentException("port out of range 1024..65535: " + port);
            }
        }
    }
}
