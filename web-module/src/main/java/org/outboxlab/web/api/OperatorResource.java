package org.outboxlab.web.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.ops.DeadLetterQueues;
import org.outboxlab.ops.FailedEventRetry.FailedFilter;
import org.outboxlab.ops.OperatorCommands;
import org.outboxlab.ops.OperatorLog;
import org.outboxlab.web.security.ConsoleRoles;

/**
 * The console's actions as HTTP calls, for scripts: the relay's switch, FAILED outbox rows retried
 * one or all that match, dead letters replayed or discarded all at once by consumer and event type,
 * an order's held events released, and the operators' record. {@code outbox-admin} only (HTTP
 * Basic, or a console session); each action goes through the console's own {@link
 * OperatorCommands}, so it is recorded with its caller the same way. Bad input is a 400 problem and
 * does nothing.
 */
@RequestScoped
@Path("operator")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    private static final String ID = "[A-Za-z0-9:-]{1,80}";
    private static final String EVENT_TYPE = "[A-Za-z][A-Za-z0-9_.-]{0,63}";

    @EJB OperatorCommands commands;

    @EJB OperatorLog log;

    @Context HttpServletRequest request;

    /** The relay's switch on every node, after an action. */
    public record RelaySwitched(boolean paused) {}

    /** How many rows or messages an action affected. */
    public record Affected(long affected) {}

    /** A bulk action on a dead-letter queue: moved, and left (not events: discard them). */
    public record DeadLettersTaken(long affected, long kept) {}

    /** One entry of the operators' record. */
    public record Action(Instant at, String actor, String action, String target, long affected) {}

    @POST
    @Path("relay/pause")
    public RelaySwitched pause() {
        commands.pauseRelay(admin());
        return new RelaySwitched(true);
    }

    @POST
    @Path("relay/resume")
    public RelaySwitched resume() {
        commands.resumeRelay(admin());
        return new RelaySwitched(false);
    }

    /** Every FAILED row of {@code eventType} and of {@code orderId} (each optional) to PENDING. */
    @POST
    @Path("failed-events/retry")
    public Affected retryFailed(
            @QueryParam("eventType") String eventType, @QueryParam("orderId") String orderId) {
        String actor = admin();
        FailedFilter filter =
                new FailedFilter(
                        optional("eventType", eventType, EVENT_TYPE),
                        optional("orderId", orderId, ID));
        return new Affected(commands.retryFailed(actor, filter));
    }

    @POST
    @Path("failed-events/{eventId}/retry")
    public Affected retryEvent(@PathParam("eventId") String eventId) {
        String actor = admin();
        return new Affected(commands.retryEvent(actor, required("eventId", eventId, ID)) ? 1 : 0);
    }

    /** Every dead letter of {@code consumer} (of {@code eventType}, if given) back to its queue. */
    @POST
    @Path("dead-letters/{consumer}/replay")
    public DeadLettersTaken replayDeadLetters(
            @PathParam("consumer") String consumer, @QueryParam("eventType") String eventType) {
        return takeDeadLetters(consumer, eventType, true);
    }

    /** Every dead letter of {@code consumer} (of {@code eventType}, if given) removed for good. */
    @POST
    @Path("dead-letters/{consumer}/discard")
    public DeadLettersTaken discardDeadLetters(
            @PathParam("consumer") String consumer, @QueryParam("eventType") String eventType) {
        return takeDeadLetters(consumer, eventType, false);
    }

    @POST
    @Path("held/{consumer}/{orderId}/release")
    public Affected releaseHeld(
            @PathParam("consumer") String consumer, @PathParam("orderId") String orderId) {
        String actor = admin();
        return new Affected(
                commands.releaseHeld(actor, consumer(consumer), required("orderId", orderId, ID)));
    }

    /** The latest {@code max} (1 to 1000) entries of the operators' record, newest first. */
    @GET
    @Path("actions")
    public List<Action> actions(@QueryParam("max") @DefaultValue("100") int max) {
        admin();
        if (max < 1 || max > 1000) {
            throw new ProblemException(400, "max", "max must be 1 to 1000, was " + max);
        }
        return log.latest(max).stream()
                .map(
                        a ->
                                new Action(
                                        a.getActedAt(),
                                        a.getActor(),
                                        a.getAction(),
                                        a.getTarget(),
                                        a.getAffected()))
                .toList();
    }

    private DeadLettersTaken takeDeadLetters(String consumer, String eventType, boolean replay) {
        String actor = admin();
        DeadLetterQueues.Batch taken =
                commands.takeDeadLetters(
                        actor,
                        consumer(consumer),
                        optional("eventType", eventType, EVENT_TYPE),
                        replay);
        return new DeadLettersTaken(taken.moved(), taken.kept());
    }

    private String admin() {
        return BasicLogin.require(request, Set.of(ConsoleRoles.ADMIN), "the operator API");
    }

    private static ConsumerName consumer(String id) {
        return ConsumerName.byId(id)
                .orElseThrow(
                        () ->
                                new ProblemException(
                                        404,
                                        "consumer",
                                        "no consumer "
                                                + id
                                                + " (fulfilment, ledger or notification)"));
    }

    private static String optional(String field, String value, String pattern) {
        return value == null || value.isEmpty() ? null : required(field, value, pattern);
    }

    private static String required(String field, String value, String pattern) {
        if (value == null || !value.matches(pattern)) {
            throw new ProblemException(
                    400, field, field + " must match " + pattern + ", was " + value);
        }
        return value;
    }
}
