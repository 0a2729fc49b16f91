package org.outboxlab.web.api;

/** A request the API refuses before anything is written, answered as an RFC 9457 problem. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;
    private final String challenge;

    public ProblemException(int status, String field, String detail) {
        this(status, field, detail, null);
    }

    /**
     * A 401 carries the {@code WWW-Authenticate} {@code challenge} that says how to authenticate.
     */
    public ProblemException(int status, String field, String detail, String challenge) {
        super(detail);
        this.status = status;
        this.field = field;
        this.challenge = challenge;
    }

    /** The {@code WWW-Authenticate} header's value, or {@code null}. */
    public String challenge() {
        return challenge;
    }

    public int status() {
        return status;
    }

    /** The request field at fault, as a path such as {@code lines[0].quantity}, or {@code null}. */
    public String field() {
        return field;
    }
}
