package org.outboxlab.cluster;

import java.util.Set;

/**
 * A CDI event: this node's heartbeat took over partitions; their backlog may wait for a drain.
 *
 * @param partitions the partitions newly held
 */
public record PartitionsGained(Set<Integer> partitions) {}
