/**
 * How an event reaches the broker: its message form (JSON envelope and headers), the check that
 * every consumer's queue is bound, the login to a remote broker, and the direct sends of the XA and
 * NAIVE write modes (the order side's {@code EventSender} port). Used by the relay and operations;
 * uses neither.
 */
package org.outboxlab.broker;
