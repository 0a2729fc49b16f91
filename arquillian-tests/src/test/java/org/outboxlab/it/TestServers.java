package org.outboxlab.it;

/** JVM options the process-level tests give their WildFly servers. */
final class TestServers {

    /**
     * C1 only: WildFly boots about a third faster (13.7 s against 8.7-10.7 s with the EAR, 2
     * cores), and the tests restart servers often under a light load; never for the benchmark.
     */
    static final String FAST_BOOT = "-XX:TieredStopAtLevel=1";

    private TestServers() {}
}
