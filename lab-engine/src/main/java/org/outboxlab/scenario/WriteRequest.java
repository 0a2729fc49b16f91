package org.outboxlab.scenario;

/**
 * One write a lab client attempted and what it learned: {@code action} is {@code place}, {@code
 * pay}, {@code ship} or {@code cancel}; {@code orderId} is {@code null} for a place whose answer
 * never came; {@code problem} is the problem type a failed answer named (its URI's last segment,
 * {@code null} for a success, no answer, or an answer that is not a problem document).
 */
public record WriteRequest(
        String mode,
        String action,
        String customerId,
        String orderId,
        Outcome outcome,
        int status,
        String problem) {

    /** A write whose answer carried no problem type. */
    public WriteRequest(
            String mode,
            String action,
            String customerId,
            String orderId,
            Outcome outcome,
            int status) {
        this(mode, action, customerId, orderId, outcome, status, null);
    }

    /** How the answer reads in a note: {@code "ship answered 500 internal-error"}. */
    String answered() {
        return action
                + " answered "
                + (status == 0 ? "nothing" : status)
                + (problem == null ? "" : " " + problem);
    }
}
