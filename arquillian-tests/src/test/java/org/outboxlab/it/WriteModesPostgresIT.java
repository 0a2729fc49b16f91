package org.outboxlab.it;

/**
 * The write-mode tests on PostgreSQL, XA's database of record: the build starts a real PostgreSQL
 * server (max_prepared_transactions > 0) and a WildFly configured for it.
 */
public class WriteModesPostgresIT extends WriteModesIT {}
