package org.outboxlab.web.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lab page: the comparison results in the directory named by the system property
 * {@code outbox.lab.results-dir} (or the environment variable {@code OUTBOX_LAB_RESULTS_DIR}), each
 * report as a table and charts, read afresh on every visit.
 *
 * <p>Starting a comparison from this page (modes, scenarios, load, progress) belongs here too, next
 * to the results: its form goes in {@code /WEB-INF/console/lab-start.xhtml}, its actions in this
 * bean, admin-only through {@link AdminOnly} and {@link OperatorActions} like every other action.
 */
@Named
@ViewScoped
public class LabPage implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String RESULTS_DIR = "outbox.lab.results-dir";

    private transient List<LabReport> reports;
    private transient String problem;

    /** The results directory as configured, or {@code null}. */
    public String getResultsDir() {
        String dir = System.getProperty(RESULTS_DIR);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("OUTBOX_LAB_RESULTS_DIR");
        }
        return dir == null || dir.isBlank() ? null : dir;
    }

    public List<LabReport> getReports() {
        if (reports == null) {
            reports = List.of();
            String dir = getResultsDir();
            if (dir == null) {
                problem = "No results directory is set: start WildFly with -D" + RESULTS_DIR + "=/path/to/lab-results.";
            } else if (!Files.isDirectory(Path.of(dir))) {
                problem = "The results directory " + dir + " does not exist (yet): no comparison has been run.";
            } else {
                try {
                    reports = LabReports.read(Path.of(dir));
                    problem = reports.isEmpty() ? "No report.json under " + dir + " yet." : null;
                } catch (IOException e) {
                    problem = "Cannot read " + dir + ": " + e.getMessage();
                }
            }
        }
        return reports;
    }

    /** Why there is nothing to show, or {@code null}. */
    public String getProblem() {
        getReports();
        return problem;
    }
}
