package org.outboxlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.outboxlab.contract.FaultPlan;
import org.outboxlab.faults.Faults;
import org.outboxlab.web.security.ConsoleRoles;

/**
 * The fault plan of a lab or test server ({@code outbox.faults.enabled=true}): read, replace,
 * clear, by an authenticated {@code outbox-admin} or {@code outbox-lab} user only (HTTP Basic, or a
 * console session): anyone else gets 401 or 403 and nothing is armed, since a plan can halt the
 * JVM. On a server without the flag every call is a 404 problem.
 */
@RequestScoped
@Path("faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {

    @Inject Faults faults;

    @Inject FaultPlanJson plans;

    @Context HttpServletRequest request;

    @GET
    public String current() {
        requireEnabled();
        requireLabOperator();
        return faults.plan().toJson();
    }

    /** Replaces the whole plan; fields left out are off. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String replace(String body) {
        requireEnabled();
        requireLabOperator();
        FaultPlan plan = plans.parse(body);
        faults.apply(plan);
        return plan.toJson();
    }

    @DELETE
    public String clear() {
        requireEnabled();
        requireLabOperator();
        faults.apply(FaultPlan.NONE);
        return FaultPlan.NONE.toJson();
    }

    /** Refuses all but the lab's operators (HTTP Basic, or a console session). */
    private void requireLabOperator() {
        BasicLogin.require(request, Set.of(ConsoleRoles.ADMIN, ConsoleRoles.LAB), "the fault plan");
    }

    private void requireEnabled() {
        if (!faults.enabled()) {
            throw new ProblemException(404, null, "fault injection is not enabled on this server");
        }
    }
}
