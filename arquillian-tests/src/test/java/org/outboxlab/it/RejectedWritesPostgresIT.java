package org.outboxlab.it;

/** The rejected-write tests on PostgreSQL. */
public class RejectedWritesPostgresIT extends RejectedWritesIT {}
