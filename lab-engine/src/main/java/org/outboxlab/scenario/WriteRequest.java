package org.outboxlab.scenario;

/**
 * One write a lab client attempted and what it learned: {@code action} is {@code place}, {@code
 * pay}, {@code ship} or {@code cancel}; {@code orderId} is {@code null} for a place whose answer
 * never came.
 */
public record WriteRequest(
        String mode,
        String action,
        String customerId,
        String orderId,
        Outcome outcome,
        int status) {}
