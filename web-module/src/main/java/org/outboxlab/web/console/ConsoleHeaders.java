package org.outboxlab.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Tells browsers to run only the console's own scripts and styles, never to show the console in
 * another site's frame, and not to guess content types: a second line of defence behind escaped
 * output.
 */
@WebFilter({"/console/*", "/login.html", "/login-error.html"})
public class ConsoleHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /**
     * No inline script or style anywhere in the console: a script that slipped into a page would
     * not run.
     */
    static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
