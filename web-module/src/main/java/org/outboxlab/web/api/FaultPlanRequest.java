package org.outboxlab.web.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.outboxlab.contract.FaultPlan;

/**
 * A fault plan as {@code PUT /outbox/api/faults} takes it: every field may be left out (off); each
 * one given is in its range, so that a plan built from a valid request always arms.
 */
public record FaultPlanRequest(
        String crashPoint,
        @Min(value = 0, message = EVERY) @Max(value = FaultPlan.MAX_EVERY, message = EVERY)
                Integer transientFailureEvery,
        @Size(max = 64, message = TEXT) @Pattern(regexp = ".*\\S.*", message = TEXT)
                String poisonCustomerSuffix,
        @Min(value = 0, message = EVERY) @Max(value = FaultPlan.MAX_EVERY, message = EVERY)
                Integer duplicatePublishEvery,
        @Min(value = 0, message = EVERY) @Max(value = FaultPlan.MAX_EVERY, message = EVERY)
                Integer rollbackAfterEffectEvery,
        @Size(max = 64, message = TEXT) @Pattern(regexp = ".*\\S.*", message = TEXT)
                String customerPrefix) {

    static final String EVERY = "must be 0 (off) to " + FaultPlan.MAX_EVERY;
    static final String TEXT = "must be 1 to 64 characters, not all blank";
}
