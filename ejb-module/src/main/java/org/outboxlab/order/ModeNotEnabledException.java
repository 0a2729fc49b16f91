package org.outboxlab.order;

import org.outboxlab.contract.WriteMode;

/**
 * The request names a write mode this server does not offer: BASELINE outside a benchmark, CDC
 * where change data capture does not run.
 */
public class ModeNotEnabledException extends OrderRejectedException {

    public ModeNotEnabledException(WriteMode mode) {
        super(
                mode.readsChangeLog()
                        ? "mode "
                                + mode
                                + " needs change data capture, which this server does not run "
                                + "(outbox.cdc.enabled=true, on PostgreSQL): use OUTBOX, XA or NAIVE"
                        : "mode must be one of OUTBOX, XA, NAIVE, was " + mode);
    }

    @Override
    public String field() {
        return "mode";
    }
}
