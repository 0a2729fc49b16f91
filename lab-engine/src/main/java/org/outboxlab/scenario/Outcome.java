package org.outboxlab.scenario;

/** What a client learned from one write request. */
public enum Outcome {
    /** 2xx: the write committed. */
    ACCEPTED,
    /**
     * A 503 with the documented problem ({@code application/problem+json}, {@code "status": 503}):
     * the database or the broker is unavailable, nothing was written.
     */
    REFUSED,
    /** A NAIVE 503: the order change committed but its event was not sent. */
    COMMITTED_UNSENT,
    /**
     * The connection was refused: the request never reached a server, nothing was written; an
     * expected answer only where the scenario takes a WildFly down.
     */
    UNREACHABLE,
    /** The request was sent but no answer came (server died, connection reset, timeout). */
    INDETERMINATE,
    /**
     * A 503 or 404 without the application's problem document: WildFly itself answered (starting,
     * suspended or without the deployment), nothing was written; like {@link #UNREACHABLE}, an
     * expected answer only where the scenario takes a WildFly down.
     */
    UNAVAILABLE,
    /**
     * Any other answer: a 500, a 4xx (the lab sends only valid requests), or a problem claiming a
     * commit its mode never makes. Something went wrong; the audit counts it as an error, never as
     * a refusal.
     */
    ERROR
}
