package org.outboxlab.web.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.outboxlab.contract.WriteMode;
import org.outboxlab.logtail.LogTailSettings;
import org.outboxlab.scenario.Scenario;
import org.outboxlab.web.lab.ComparisonProgress;
import org.outboxlab.web.lab.ComparisonRequest;
import org.outboxlab.web.lab.ComparisonRunner;
import org.outboxlab.web.lab.ResultsDirectory;

/**
 * The lab page: starting a comparison of the scenarios this server stays up for (admin only, one at
 * a time), its progress, and the comparison results in the directory named by the system property
 * {@code outbox.lab.results-dir} (or the environment variable {@code OUTBOX_LAB_RESULTS_DIR}), each
 * report as a table and charts, read afresh on every visit and every refresh.
 */
@Named
@ViewScoped
public class LabPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The flash entry that carries the form's values to the page shown after a start. */
    private static final String STARTED_WITH = LabPage.class.getName() + ".startedWith";

    /** The form's values when a run started. */
    private record FormValues(
            List<String> modes,
            List<String> scenarios,
            Integer clients,
            Double ordersPerSecond,
            Integer seconds)
            implements Serializable {}

    @Inject ComparisonRunner runner;

    @Inject OperatorActions actions;

    @Inject AdminOnly adminOnly;

    /** Whether this server runs change data capture, without which mode CDC is refused. */
    @Inject LogTailSettings logTail;

    private List<String> modes;
    private List<String> scenarios = new ArrayList<>(List.of(Scenario.BASELINE.id()));
    private Integer clients = 2;
    private Double ordersPerSecond = 2.0;
    private Integer seconds = 10;

    /**
     * The request the cached reports and progress were read for: the page's poll reads them afresh.
     */
    private transient Object readFor;

    private transient List<LabReport> reports;
    private transient String problem;
    private transient ComparisonProgress progress;

    /** After a start, the form shows what was started rather than the defaults. */
    @PostConstruct
    void keepStartedValues() {
        modes = new ArrayList<>(getModeItems());
        if (FacesContext.getCurrentInstance().getExternalContext().getFlash().get(STARTED_WITH)
                instanceof FormValues v) {
            modes = new ArrayList<>(v.modes());
            scenarios = new ArrayList<>(v.scenarios());
            clients = v.clients();
            ordersPerSecond = v.ordersPerSecond();
            seconds = v.seconds();
        }
    }

    /** The results directory as configured, or {@code null}. */
    public String getResultsDir() {
        return ResultsDirectory.configured().map(Path::toString).orElse(null);
    }

    /** What each count of a report's table sees and cannot see. */
    public List<String> getDefinitions() {
        return org.outboxlab.scenario.CountDefinitions.LINES;
    }

    public List<LabReport> getReports() {
        forThisRequest();
        if (reports == null) {
            reports = List.of();
            String dir = getResultsDir();
            if (dir == null) {
                problem =
                        "No results directory is set: start WildFly with -D"
                                + ResultsDirectory.PROPERTY
                                + "=/path/to/lab-results.";
            } else if (!Files.isDirectory(Path.of(dir))) {
                problem =
                        "The results directory "
                                + dir
                                + " does not exist (yet): no comparison has been run.";
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

    /** The runner's state as of this request. */
    public ComparisonProgress getProgress() {
        forThisRequest();
        if (progress == null) {
            progress = runner.progress();
        }
        return progress;
    }

    public boolean isFaultsEnabled() {
        return runner.faultsEnabled();
    }

    /**
     * The scenarios this page can start; those that arm faults are disabled on a server without
     * fault injection.
     */
    public List<SelectItem> getScenarioItems() {
        boolean faults = isFaultsEnabled();
        return ComparisonRequest.startable().stream()
                .map(
                        s ->
                                new SelectItem(
                                        s.id(),
                                        s.id(),
                                        null,
                                        ComparisonRequest.needsFaults(s) && !faults))
                .toList();
    }

    /** The modes this server runs: CDC only where change data capture is on. */
    public List<String> getModeItems() {
        return ComparisonRequest.MODES.stream()
                .filter(
                        m ->
                                logTail.changeCapture()
                                        || !WriteMode.byName(m)
                                                .map(WriteMode::readsChangeLog)
                                                .orElse(false))
                .toList();
    }

    /** Starts the comparison the form describes, then shows the page afresh with its progress. */
    public String start() {
        List<String> chosenModes = modes;
        List<String> chosenScenarios = scenarios;
        Integer c = clients;
        Double rate = ordersPerSecond;
        Integer s = seconds;
        URI base = baseUri();
        boolean started =
                adminOnly.run(
                        () -> {
                            ComparisonRequest request =
                                    ComparisonRequest.of(chosenModes, chosenScenarios, c, rate, s);
                            Path report = actions.startComparison(request, base);
                            return "Comparison started: "
                                    + request.loadText()
                                    + "; its report will be "
                                    + report.getFileName()
                                    + ".";
                        });
        if (!started) {
            return null;
        }
        var flash = FacesContext.getCurrentInstance().getExternalContext().getFlash();
        flash.setKeepMessages(true);
        flash.put(
                STARTED_WITH,
                new FormValues(
                        new ArrayList<>(chosenModes),
                        new ArrayList<>(chosenScenarios),
                        c,
                        rate,
                        s));
        return "/console/lab.xhtml?faces-redirect=true";
    }

    /** Forgets what an earlier request of this view read. */
    private void forThisRequest() {
        Object request = FacesContext.getCurrentInstance().getExternalContext().getRequest();
        if (request != readFor) {
            readFor = request;
            reports = null;
            problem = null;
            progress = null;
        }
    }

    /**
     * This server's order API as this request reached it, on loopback: where the comparison's
     * clients go.
     */
    private static URI baseUri() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        return URI.create(
                "http://127.0.0.1:"
                        + request.getLocalPort()
                        + external.getRequestContextPath()
                        + "/");
    }

    public List<String> getModes() {
        return modes;
    }

    public void setModes(List<String> modes) {
        this.modes = modes;
    }

    public List<String> getScenarios() {
        return scenarios;
    }

    public void setScenarios(List<String> scenarios) {
        this.scenarios = scenarios;
    }

    public Integer getClients() {
        return clients;
    }

    public void setClients(Integer clients) {
        this.clients = clients;
    }

    public Double getOrdersPerSecond() {
        return ordersPerSecond;
    }

    public void setOrdersPerSecond(Double ordersPerSecond) {
        this.ordersPerSecond = ordersPerSecond;
    }

    public Integer getSeconds() {
        return seconds;
    }

    public void setSeconds(Integer seconds) {
        this.seconds = seconds;
    }
}
