package org.outboxlab.order;

import org.outboxlab.contract.WriteMode;

/** The request names a write mode this server does not offer (BASELINE outside a benchmark). */
public class ModeNotEnabledException extends OrderRejectedException {

    public ModeNotEnabledException(WriteMode mode) {
        super("mode must be one of OUTBOX, XA, NAIVE, was " + mode);
    }

    @Override
    public String field() {
        return "mode";
    }
}
