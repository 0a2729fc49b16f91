package org.outboxlab.web.api;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.outboxlab.order.EventNotPublishedException;
import org.outboxlab.order.IllegalTransitionException;
import org.outboxlab.order.InsufficientStockException;
import org.outboxlab.order.OrderNotFoundException;
import org.outboxlab.order.OrderRejectedException;
import org.outboxlab.order.UnknownProductException;
import org.outboxlab.outbox.DatabaseFailures;
import org.outboxlab.outbox.DatabaseOutage;

/** Answers every failure as a problem document; internal details stay in the server log. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Inject
    DatabaseOutage databaseOutage;

    @Override
    public Response toResponse(Throwable failure) {
        Throwable e = failure instanceof EJBException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof ProblemException p) {
            return Problems.of(p.status(), p.field(), p.getMessage());
        }
        if (e instanceof OrderRejectedException r) {
            return Problems.of(statusOf(r), r.field(), r.getMessage());
        }
        if (e instanceof EventNotPublishedException n) {
            LOG.warning(n.getMessage());
            return Problems.of(503, null, n.getMessage());
        }
        if (e instanceof WebApplicationException w) {
            return Problems.of(w.getResponse().getStatus(), null, w.getMessage());
        }
        if (DatabaseFailures.unavailable(e)) {
            databaseOutage.failed("order API", e); // logged once per outage
            return Problems.of(503, null, "the database is unavailable; try again later");
        }
        if (causedByBroker(e)) {
            LOG.warning("write refused, broker unavailable: " + e);
            return Problems.of(503, null, "the message broker is unavailable; nothing was written");
        }
        LOG.log(Level.SEVERE, "unexpected failure", failure);
        return Problems.of(500, null, "internal error; see the server log");
    }

    private static int statusOf(OrderRejectedException r) {
        if (r instanceof OrderNotFoundException) {
            return 404;
        }
        if (r instanceof UnknownProductException) {
            return 422;
        }
        if (r instanceof InsufficientStockException || r instanceof IllegalTransitionException) {
            return 409;
        }
        return 400;
    }

    private static boolean causedByBroker(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JMSException || t instanceof JMSRuntimeException) {
                return true;
            }
        }
        return false;
    }
}
