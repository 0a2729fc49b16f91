package org.outboxlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.outboxlab.faults.FaultPlan;
import org.outboxlab.faults.Faults;

/**
 * The fault plan of a lab or test server ({@code outbox.faults.enabled=true}): read, replace, clear.
 * On any other server every call is a 404 problem and nothing can be armed.
 */
@RequestScoped
@Path("faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {

    @Inject
    Faults faults;

    @GET
    public String current() {
        requireEnabled();
        return json(faults.plan());
    }

    /** Replaces the whole plan; fields left out are off. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String replace(String body) {
        requireEnabled();
        FaultPlan plan = FaultPlanJson.parse(body);
        faults.apply(plan);
        return json(plan);
    }

    @DELETE
    public String clear() {
        requireEnabled();
        faults.apply(FaultPlan.NONE);
        return json(FaultPlan.NONE);
    }

    private void requireEnabled() {
        if (!faults.enabled()) {
            throw new ProblemException(404, null, "fault injection is not enabled on this server");
        }
    }

    private static String json(FaultPlan plan) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("transientFailureEvery", plan.transientFailureEvery())
                .add("duplicatePublishEvery", plan.duplicatePublishEvery())
                .add("rollbackAfterEffectEvery", plan.rollbackAfterEffectEvery());
        if (plan.crashPoint() != null) {
            body.add("crashPoint", plan.crashPoint().id());
        }
        if (plan.poisonCustomerSuffix() != null) {
            body.add("poisonCustomerSuffix", plan.poisonCustomerSuffix());
        }
        return body.build().toString();
    }
}
