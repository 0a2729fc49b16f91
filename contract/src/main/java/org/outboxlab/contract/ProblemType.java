package org.outboxlab.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of problem the order API answers (RFC 9457), each with a type URI of its own so a
 * client tells them apart without reading the text, a fixed title, and its status. The URIs name
 * sections of the server's own {@code /outbox/problems.html}, which says what each means and what a
 * client should do. A status with no kind here (405, 406, 415 from JAX-RS) is answered as {@code
 * about:blank} with the status's reason phrase as its title.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Role required"),
    NOT_FOUND(404, "not-found", "Not found"),
    BODY_TOO_LARGE(413, "body-too-large", "Request body too large"),
    UNKNOWN_PRODUCT(422, "unknown-product", "Unknown product"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused"),
    INSUFFICIENT_STOCK(409, "insufficient-stock", "Insufficient stock"),
    FORBIDDEN_TRANSITION(409, "forbidden-transition", "Transition not allowed"),
    IDEMPOTENCY_KEY_IN_PROGRESS(409, "idempotency-key-in-progress", "Request in progress", 1),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "Database unavailable", 5),
    BROKER_UNAVAILABLE(503, "broker-unavailable", "Broker unavailable", 5),
    ROUTE_MISSING(503, "route-missing", "Consumer queue missing", 30),
    /**
     * The database failed while committing the write (its connection died at the commit): the write
     * may or may not have committed. No {@code Retry-After}: retry only with the same {@code
     * Idempotency-Key}, or look the order up.
     */
    COMMIT_OUTCOME_UNKNOWN(503, "commit-outcome-unknown", "Commit outcome unknown"),
    /** No {@code Retry-After}: the order committed, and a retry would place a second one. */
    COMMITTED_BUT_UNSENT(503, "committed-but-unsent", "Order committed, event not sent"),
    INTERNAL_ERROR(500, "internal-error", "Internal error");

    /** Where the types are described, as the server serves it. */
    public static final String DOCUMENT = "/outbox/problems.html";

    private final int status;
    private final String id;
    private final String title;
    private final int retryAfterSeconds;

    ProblemType(int status, String id, String title) {
        this(status, id, title, 0);
    }

    ProblemType(int status, String id, String title, int retryAfterSeconds) {
        this.status = status;
        this.id = id;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** The type URI: {@code /outbox/problems.html#<id>}. */
    public String uri() {
        return DOCUMENT + "#" + id;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The {@code Retry-After} seconds a client should wait before retrying; 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The kind whose type URI is {@code uri}, if any. */
    public static Optional<ProblemType> byUri(String uri) {
        return Arrays.stream(values()).filter(t -> t.uri().equals(uri)).findFirst();
    }

    /**
     * The general kind for a status the API raises without a more specific one (400, 401, 403, 404,
     * 413), if there is one.
     */
    public static Optional<ProblemType> generalFor(int status) {
        return Arrays.stream(
                        new ProblemType[] {
                            INVALID_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BODY_TOO_LARGE
                        })
                .filter(t -> t.status == status)
                .findFirst();
    }
}
