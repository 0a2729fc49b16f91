package org.outboxlab.cluster;

/**
 * A CDI event: another node wrote an event in a partition this node holds and asked its owner to
 * drain ({@link WakeupListener} heard it); fired on the listener's thread, once per notice.
 */
public record PeerWakeup() {}
