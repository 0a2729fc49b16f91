package org.outboxlab.outbox;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.outboxlab.outbox.UnreachableException.Resource;

/**
 * For the beans that send on the write path: a JMS failure leaves the bean as an {@link
 * UnreachableException} (the API answers 503), not as a system exception logged with a stack trace
 * at each bean it passes.
 */
public class BrokerUnreachable {

    @AroundInvoke
    Object translate(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.isApplicationException(e) && causedByBroker(e)) {
                throw new UnreachableException(Resource.BROKER, e);
            }
            throw e;
        }
    }

    /**
     * Whether a JMS or Artemis client exception is among the causes of {@code e}, or of the
     * exceptions suppressed along the way: an XA commit whose broker branch fails to prepare (the
     * session closed as the broker died) ends as a {@code RollbackException} that carries the
     * branch's {@code XAException}, and its Artemis cause, only as suppressed.
     */
    public static boolean causedByBroker(Throwable e) {
        return causedByBroker(e, 0);
    }

    private static boolean causedByBroker(Throwable e, int depth) {
        for (Throwable t = e;
                t != null && depth < 32;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof JMSException
                    || t instanceof JMSRuntimeException
                    || t instanceof ActiveMQException) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (causedByBroker(suppressed, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
