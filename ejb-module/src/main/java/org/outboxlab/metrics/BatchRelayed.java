package org.outboxlab.metrics;

/**
 * A relay batch marked {@code published} events published and {@code failed} ones failed; counted
 * once committed.
 */
public record BatchRelayed(int published, int failed) {}
