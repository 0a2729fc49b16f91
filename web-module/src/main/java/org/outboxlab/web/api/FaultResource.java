package org.outboxlab.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(FaultResource.class.getName());
    private static final String CHALLENGE = "Basic realm=\"outbox lab\", charset=\"UTF-8\"";

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

    /**
     * Authenticates HTTP Basic credentials if the request has no user yet; refuses all but the
     * lab's operators.
     */
    private void requireLabOperator() {
        if (request.getUserPrincipal() == null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                login(authorization.substring(6).trim());
            }
        }
        if (request.getUserPrincipal() == null) {
            throw new ProblemException(
                    401,
                    null,
                    "the fault plan needs an outbox-admin or outbox-lab user (HTTP Basic)",
                    CHALLENGE);
        }
        if (!request.isUserInRole(ConsoleRoles.ADMIN) && !request.isUserInRole(ConsoleRoles.LAB)) {
            LOG.warning(
                    () ->
                            "fault plan refused to "
                                    + request.getUserPrincipal().getName()
                                    + ": not outbox-admin or outbox-lab");
            throw new ProblemException(
                    403, null, "the fault plan needs the outbox-admin or outbox-lab role");
        }
    }

    private void login(String encoded) {
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return; // not Base64: stays anonymous, answered 401
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return;
        }
        String user = credentials.substring(0, colon);
        try {
            request.login(user, credentials.substring(colon + 1));
        } catch (ServletException e) {
            LOG.warning(() -> "fault plan: failed login of " + user);
        }
    }

    private void requireEnabled() {
        if (!faults.enabled()) {
            throw new ProblemException(404, null, "fault injection is not enabled on this server");
        }
    }
}
