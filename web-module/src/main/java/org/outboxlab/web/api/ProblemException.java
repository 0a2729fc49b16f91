package org.outboxlab.web.api;

/** A request the API refuses before anything is written, answered as an RFC 9457 problem. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;

    public ProblemException(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The request field at fault, as a path such as {@code lines[0].quantity}, or {@code null}. */
    public String field() {
        return field;
    }
}
