package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.test.api.ArquillianResource;

/**
 * For tests of a deployment the server must refuse: deploys an unmanaged deployment, expects the
 * refusal, removes what is left of it, and returns every message of the failure's chain, for the
 * test to look for what the refusal must say.
 */
abstract class RefusedDeployment {

    @ArquillianResource Deployer deployer;

    /** Deploys {@code name}, which must fail, and returns the failure's messages, one a line. */
    String refused(String name) {
        Exception refused = assertThrows(Exception.class, () -> deployer.deploy(name));
        try {
            deployer.undeploy(name);
        } catch (RuntimeException alreadyGone) {
            // a failed deployment may have been removed already
        }
        StringBuilder all = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
