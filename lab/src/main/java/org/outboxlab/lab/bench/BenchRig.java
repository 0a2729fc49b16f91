package org.outboxlab.lab.bench;

/**
 * What the single-node phases share: the running parts, the resource sampler that follows WildFly,
 * the load driver, the relay's and consumers' controls, and the options. A restart through the rig
 * keeps the sampler on the new WildFly process.
 */
record BenchRig(
        BenchTopology topology,
        ResourceSampler resources,
        LoadDriver driver,
        RelayBench relayBench,
        BenchOptions options) {

    /** Restarts WildFly with {@code properties} and follows the new process. */
    void restart(String... properties) throws Exception {
        topology.restart(properties);
        resources.follow(topology.server().pid());
    }
}
