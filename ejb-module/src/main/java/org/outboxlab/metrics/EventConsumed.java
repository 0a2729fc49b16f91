package org.outboxlab.metrics;

import org.outboxlab.contract.ConsumerName;

/**
 * A consumer applied an event ({@code duplicate} false) or found it in its inbox and skipped it;
 * counted once committed.
 */
public record EventConsumed(ConsumerName consumer, boolean duplicate) {}
