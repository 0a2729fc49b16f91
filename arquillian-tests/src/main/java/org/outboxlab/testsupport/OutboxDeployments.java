package org.outboxlab.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.outboxlab.control.FaultControl;

/**
 * Builds Arquillian deployments from the real, built EAR (never a hand-picked subset of its
 * classes), with the test's packages and this support package added to its web module, where they
 * see the application's classes.
 */
public final class OutboxDeployments {

    /** System property naming the built EAR; the build sets it to {@code ear/target/outbox.ear}. */
    public static final String EAR_PROPERTY = "outbox.ear";

    static final String WEB_MODULE = "outbox.war";

    private OutboxDeployments() {}

    /**
     * {@link #ear} with MicroProfile Config {@code settings} of its own (such as {@code
     * outbox.relay.strategy}), in a library of the EAR that every module sees: they apply to this
     * deployment only, and a system property or environment variable of the server still wins.
     */
    public static EnterpriseArchive ear(Map<String, String> settings, Class<?>... testClasses) {
        EnterpriseArchive ear = ear(testClasses);
        StringBuilder properties = new StringBuilder();
        settings.forEach(
                (key, value) -> properties.append(key).append('=').append(value).append('\n'));
        ear.addAsLibrary(
                ShrinkWrap.create(JavaArchive.class, "outbox-test-settings.jar")
                        .addAsManifestResource(
                                new org.jboss.shrinkwrap.api.asset.StringAsset(
                                        properties.toString()),
                                "microprofile-config.properties"));
        return ear;
    }

    /** The built EAR with the packages of {@code testClasses} (and their subpackages) added. */
    public static EnterpriseArchive ear(Class<?>... testClasses) {
        File file = builtEar();
        EnterpriseArchive ear =
                ShrinkWrap.create(ZipImporter.class, file.getName())
                        .importFrom(file)
                        .as(EnterpriseArchive.class);
        JavaArchive tests =
                ShrinkWrap.create(JavaArchive.class, "outbox-tests.jar")
                        .addPackage(OutboxDeployments.class.getPackage())
                        .addClass(
                                FaultControl
                                        .class); // the fault plan's client, from lab-control, for
        // tests in the server
        for (Class<?> testClass : testClasses) {
            tests.addPackages(true, testClass.getPackage());
        }
        WebArchive web = webModule(ear);
        web.addAsLibrary(tests);
        ear.delete(WEB_MODULE);
        ear.addAsModule(web);
        return ear;
    }

    private static WebArchive webModule(EnterpriseArchive ear) {
        ArchivePath path = ear.get(WEB_MODULE) == null ? null : ear.get(WEB_MODULE).getPath();
        if (path == null) {
            throw new IllegalStateException(WEB_MODULE + " is missing from the EAR");
        }
        try (InputStream in = ear.get(path).getAsset().openStream()) {
            return ShrinkWrap.create(ZipImporter.class, WEB_MODULE)
                    .importFrom(in)
                    .as(WebArchive.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + WEB_MODULE + " from the EAR", e);
        }
    }

    private static File builtEar() {
        String location = System.getProperty(EAR_PROPERTY);
        if (location == null || location.isBlank()) {
            throw new IllegalStateException(
                    "system property " + EAR_PROPERTY + " must name the built outbox.ear");
        }
        File file = new File(location);
        if (!file.isFile()) {
            throw new IllegalStateException(
                    "no EAR at " + file.getAbsolutePath() + "; build the ear module first");
        }
        return file;
    }
}
