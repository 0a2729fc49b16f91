package org.outboxlab.web.api;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.outboxlab.broker.RouteMissingException;
import org.outboxlab.contract.ProblemType;
import org.outboxlab.order.EventNotPublishedException;
import org.outboxlab.order.IdempotencyKeyReusedException;
import org.outboxlab.order.IdempotencyKeyTakenException;
import org.outboxlab.order.IllegalTransitionException;
import org.outboxlab.order.InsufficientStockException;
import org.outboxlab.order.OrderNotFoundException;
import org.outboxlab.order.OrderRejectedException;
import org.outboxlab.order.RefusedWrites;
import org.outboxlab.order.UnknownProductException;
import org.outboxlab.outbox.BrokerUnreachable;
import org.outboxlab.outbox.DatabaseFailures;
import org.outboxlab.outbox.UnreachableException;
import org.outboxlab.outbox.UnreachableException.Resource;

/** Answers every failure as a problem document; internal details stay in the server log. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Inject RefusedWrites refusals;

    @Context Request request;

    @Override
    public Response toResponse(Throwable failure) {
        Throwable e =
                failure instanceof EJBException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        if (e instanceof ProblemException p) {
            Response problem = Problems.of(p.status(), p.field(), p.getMessage());
            return p.challenge() == null
                    ? problem
                    : Response.fromResponse(problem)
                            .header(HttpHeaders.WWW_AUTHENTICATE, p.challenge())
                            .build();
        }
        if (e instanceof OrderRejectedException r) {
            return Problems.of(typeOf(r), r.field(), r.getMessage());
        }
        if (e instanceof EventNotPublishedException n) {
            refusals.refused(Resource.BROKER, n.getMessage());
            return Problems.committedButUnsent(n.orderId(), n.eventId(), n.getMessage());
        }
        if (e instanceof IdempotencyKeyTakenException) {
            return Problems.of(
                    ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "Idempotency-Key",
                    "a request with this Idempotency-Key is in progress; retry it");
        }
        if (e instanceof UnreachableException u) {
            return unreachable(u.resource(), u);
        }
        if (e instanceof RouteMissingException m) {
            refusals.refused(Resource.BROKER, m.getMessage());
            return Problems.of(
                    ProblemType.ROUTE_MISSING,
                    null,
                    "the broker has no queue for every consumer; nothing was written");
        }
        if (e instanceof WebApplicationException w) {
            return Problems.of(w.getResponse().getStatus(), null, w.getMessage());
        }
        if (DatabaseFailures.unavailableDuringCommit(e)) {
            refusals.refused(Resource.DATABASE, e.getMessage());
            return Problems.of(
                    ProblemType.COMMIT_OUTCOME_UNKNOWN,
                    null,
                    "the database failed during the commit: the write may or may not have"
                            + " committed; retry with the same Idempotency-Key, or look the order up");
        }
        if (DatabaseFailures.unavailable(e)) {
            return unreachable(Resource.DATABASE, e);
        }
        if (BrokerUnreachable.causedByBroker(e)) {
            return unreachable(Resource.BROKER, e);
        }
        LOG.log(Level.SEVERE, "unexpected failure", failure);
        return Problems.of(ProblemType.INTERNAL_ERROR, null, "internal error; see the server log");
    }

    private static ProblemType typeOf(OrderRejectedException r) {
        if (r instanceof OrderNotFoundException) {
            return ProblemType.NOT_FOUND;
        }
        if (r instanceof UnknownProductException) {
            return ProblemType.UNKNOWN_PRODUCT;
        }
        if (r instanceof IdempotencyKeyReusedException) {
            return ProblemType.IDEMPOTENCY_KEY_REUSED;
        }
        if (r instanceof InsufficientStockException) {
            return ProblemType.INSUFFICIENT_STOCK;
        }
        if (r instanceof IllegalTransitionException) {
            return ProblemType.FORBIDDEN_TRANSITION;
        }
        return ProblemType.INVALID_REQUEST;
    }

    /**
     * A 503; a refused write is counted and logged once per outage rather than once per request (a
     * read is neither).
     */
    private Response unreachable(Resource resource, Throwable e) {
        if (request == null || !HttpMethod.GET.equals(request.getMethod())) {
            refusals.refused(resource, e.getMessage());
        }
        return resource == Resource.DATABASE
                ? Problems.of(
                        ProblemType.DATABASE_UNAVAILABLE,
                        null,
                        "the database is unavailable; try again later")
                : Problems.of(
                        ProblemType.BROKER_UNAVAILABLE,
                        null,
                        "the message broker is unavailable; nothing was written");
    }
}
