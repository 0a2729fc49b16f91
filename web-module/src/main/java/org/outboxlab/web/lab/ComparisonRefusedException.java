package org.outboxlab.web.lab;

import jakarta.ejb.ApplicationException;

/**
 * A comparison the runner will not start now, with the reason an operator can act on (one is
 * running, no results directory, no fault injection). Nothing has started when it is thrown; as an
 * application exception it reaches the caller as it is, through any enterprise bean.
 */
@ApplicationException
public class ComparisonRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ComparisonRefusedException(String reason) {
        super(reason);
    }
}
