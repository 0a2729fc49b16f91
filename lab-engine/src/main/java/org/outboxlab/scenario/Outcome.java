package org.outboxlab.scenario;

/** What a client learned from one write request. */
public enum Outcome {
    /** 2xx: the write committed. */
    ACCEPTED,
    /** An answer that says nothing was written (4xx, or 503 for a refused XA write). */
    REFUSED,
    /** A NAIVE 503: the order change committed but its event was not sent. */
    COMMITTED_UNSENT,
    /** The connection was refused: the request never reached a server, nothing was written. */
    UNREACHABLE,
    /** The request was sent but no answer came (server died, connection reset, timeout). */
    INDETERMINATE
}
