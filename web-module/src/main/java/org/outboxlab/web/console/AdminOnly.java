package org.outboxlab.web.console;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.outboxlab.web.lab.ComparisonRefusedException;
import org.outboxlab.web.security.ConsoleRoles;

/**
 * Runs a console action for {@code outbox-admin} only and tells the operator the outcome. A caller
 * without the role is refused here, before anything runs, and again by {@link OperatorActions}.
 */
@ApplicationScoped
public class AdminOnly {

    private static final Logger LOG = Logger.getLogger(AdminOnly.class.getName());
    static final String REFUSED = "Refused: this action needs the outbox-admin role.";

    /** Runs {@code action}, which returns what it did, and shows that; returns whether it ran. */
    public boolean run(Supplier<String> action) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.getExternalContext().isUserInRole(ConsoleRoles.ADMIN)) {
            refuse(faces);
            return false;
        }
        try {
            show(faces, FacesMessage.SEVERITY_INFO, action.get());
            return true;
        } catch (EJBAccessException e) {
            refuse(faces);
        } catch (IllegalArgumentException | ComparisonRefusedException e) {
            show(faces, FacesMessage.SEVERITY_ERROR, e.getMessage());
        } catch (EJBException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            show(
                    faces,
                    FacesMessage.SEVERITY_ERROR,
                    cause instanceof IllegalArgumentException
                            ? cause.getMessage()
                            : "Failed: " + cause.getMessage());
        } catch (RuntimeException e) {
            show(faces, FacesMessage.SEVERITY_ERROR, "Failed: " + e.getMessage());
        }
        return false;
    }

    private static void refuse(FacesContext faces) {
        String who = faces.getExternalContext().getRemoteUser();
        LOG.warning(() -> "console: refused an admin action to " + who);
        faces.getExternalContext().setResponseStatus(403);
        show(faces, FacesMessage.SEVERITY_ERROR, REFUSED);
    }

    static void show(FacesContext faces, FacesMessage.Severity severity, String text) {
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }
}
