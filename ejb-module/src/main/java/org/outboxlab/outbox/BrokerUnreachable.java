package org.outboxlab.outbox;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
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

    /** Whether a JMS exception is among the causes of {@code e}. */
    public static boolean causedByBroker(Throwable e) {
        int depth = 0;
        for (Throwable t = e;
                t != null && depth < 32;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof JMSException || t instanceof JMSRuntimeException) {
                return true;
            }
        }
        return false;
    }
}
