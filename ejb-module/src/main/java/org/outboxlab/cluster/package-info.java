/**
 * Which node relays which partitions: members' heartbeats, partition leases with fencing, and the
 * cluster-wide relay switch, all kept in the outbox database.
 */
package org.outboxlab.cluster;
