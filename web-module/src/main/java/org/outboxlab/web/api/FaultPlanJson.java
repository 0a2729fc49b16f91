package org.outboxlab.web.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import org.outboxlab.contract.CrashPoint;
import org.outboxlab.contract.FaultPlan;

/**
 * A fault plan as JSON ({@code PUT /outbox/api/faults}): accepts only the known fields, each of its
 * type and in its range, so nothing half-read is ever armed.
 */
@ApplicationScoped
public class FaultPlanJson {

    @Inject Validator validator;

    public FaultPlanJson() {}

    FaultPlanJson(Validator validator) {
        this.validator = validator;
    }

    /**
     * The plan in {@code body}; fields left out are off.
     *
     * @throws ProblemException (400) naming the field at fault, for anything but a valid plan
     */
    public FaultPlan parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(400, null, "the body must be a JSON object");
        }
        FaultPlanRequest request = StrictJsonb.read(body, FaultPlanRequest.class);
        validator.validate(request).stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(
                        (ConstraintViolation<FaultPlanRequest> v) -> {
                            String field = v.getPropertyPath().toString();
                            throw new ProblemException(400, field, field + " " + v.getMessage());
                        });
        CrashPoint point = null;
        if (request.crashPoint() != null) {
            point =
                    CrashPoint.byId(request.crashPoint())
                            .orElseThrow(
                                    () ->
                                            new ProblemException(
                                                    400,
                                                    "crashPoint",
                                                    "unknown crash point " + request.crashPoint()));
        }
        return new FaultPlan(
                point,
                offIfNull(request.transientFailureEvery()),
                request.poisonCustomerSuffix(),
                offIfNull(request.duplicatePublishEvery()),
                offIfNull(request.rollbackAfterEffectEvery()),
                request.customerPrefix());
    }

    private static int offIfNull(Integer every) {
        return every == null ? 0 : every;
    }
}
