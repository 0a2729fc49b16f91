package org.outboxlab.outbox;

import jakarta.ejb.ApplicationException;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import org.outboxlab.outbox.UnreachableException.Resource;

/**
 * The default interceptor of every session bean of this module (bound in {@code ejb-jar.xml}): a
 * system exception caused by an unreachable database leaves the bean as an {@link
 * UnreachableException}, which rolls the transaction back like the original but is not logged with
 * a stack trace at each bean it passes. Any other failure passes unchanged.
 */
public class DatabaseUnreachable {

    @AroundInvoke
    Object translate(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            if (!isApplicationException(e) && DatabaseFailures.unavailable(e)) {
                throw new UnreachableException(Resource.DATABASE, e);
            }
            throw e;
        }
    }

    /**
     * Whether the container treats {@code e} as an application exception (it is not logged, not
     * wrapped).
     */
    static boolean isApplicationException(Throwable e) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            ApplicationException marked = c.getAnnotation(ApplicationException.class);
            if (marked != null) {
                return c == e.getClass() || marked.inherited();
            }
        }
        return false;
    }
}
