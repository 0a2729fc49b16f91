package org.outboxlab.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.outboxlab.web.security.ConsoleRoles;

/** Who is signed in to the console, whether they may act, and signing out. */
@Named
@RequestScoped
public class ConsoleUser {

    public String getName() {
        var principal = external().getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }

    /**
     * Whether the caller holds {@code outbox-admin}: decides what is shown, and is checked again by
     * every action.
     */
    public boolean isAdmin() {
        return external().isUserInRole(ConsoleRoles.ADMIN);
    }

    /** Ends the session and sends the browser back to the login form. */
    public void logout() throws IOException {
        ExternalContext external = external();
        try {
            ((HttpServletRequest) external.getRequest()).logout();
        } catch (ServletException e) {
            // the session is invalidated below in any case
        }
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/console/dashboard.xhtml");
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }
}
