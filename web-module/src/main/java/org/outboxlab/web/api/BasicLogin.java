package org.outboxlab.web.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The API's calls for operators: a request signed in to the console, or one with HTTP Basic
 * credentials of the application realm (authenticated by WildFly: its password hashes and
 * brute-force lockout), whose user holds one of the roles a call needs. Anyone else gets a 401
 * problem with a challenge, or a 403, before anything is done.
 */
final class BasicLogin {

    private static final Logger LOG = Logger.getLogger(BasicLogin.class.getName());
    private static final String CHALLENGE = "Basic realm=\"outbox lab\", charset=\"UTF-8\"";

    private BasicLogin() {}

    /**
     * The user of {@code request}, signed in with its Basic credentials if it has no user yet.
     *
     * @throws ProblemException 401 without a user, 403 without one of {@code roles}
     */
    static String require(HttpServletRequest request, Set<String> roles, String what) {
        if (request.getUserPrincipal() == null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                login(request, authorization.substring(6).trim(), what);
            }
        }
        String needs = what + " needs the " + String.join(" or ", roles) + " role";
        if (request.getUserPrincipal() == null) {
            throw new ProblemException(401, null, needs + " (HTTP Basic)", CHALLENGE);
        }
        String user = request.getUserPrincipal().getName();
        if (roles.stream().noneMatch(request::isUserInRole)) {
            LOG.warning(() -> what + " refused to " + user + ": not " + String.join(" or ", roles));
            throw new ProblemException(403, null, needs);
        }
        return user;
    }

    private static void login(HttpServletRequest request, String encoded, String what) {
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
            LOG.warning(() -> what + ": failed login of " + user);
        }
    }
}
