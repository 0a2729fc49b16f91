/**
 * How an event reaches the broker: its message form (JSON envelope and headers), the check that
 * every consumer's queue is bound, the login to a remote broker, and the direct sends of the XA and
 * NAIVE write modes. Used by the relay, the write modes and operations; uses none of them.
 */
package org.outboxlab.broker;
