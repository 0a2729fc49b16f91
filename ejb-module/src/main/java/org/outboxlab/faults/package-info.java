/**
 * Fault injection for the comparison lab and integration tests: named crash points inside the write
 * path, failing and rolling-back consumers, duplicated publishes. Off unless the server runs with
 * {@code outbox.faults.enabled=true}; a production server cannot be armed.
 */
package org.outboxlab.faults;
