package org.outboxlab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outboxlab.testsupport.OutboxDeployments;

/**
 * The Prometheus alerting rules and the Grafana dashboard in {@code docs/monitoring/} name only
 * metrics the deployed server exports (a renamed meter would leave an alert that never fires and a
 * panel that stays empty). Shown to fail with a rule's metric misspelt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class MonitoringRulesIT {

    private static final Path MONITORING = Path.of("..", "docs", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\boutbox_[a-z0-9_]+");

    @Deployment(testable = false)
    public static EnterpriseArchive deployment() {
        return OutboxDeployments.ear(MonitoringRulesIT.class);
    }

    @Test
    public void theAlertsAndTheDashboardNameOnlyExportedMetrics() throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String line : ServerModel.metrics().lines().toList()) {
            if (!line.startsWith("#") && line.startsWith("outbox_")) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertTrue(exported.size() > 10, "the server exports its meters: " + exported);

        String rules = Files.readString(MONITORING.resolve("outbox-alerts.yml"));
        List<String> expressions = new ArrayList<>();
        for (String line : rules.lines().toList()) {
            if (line.strip().startsWith("expr:")) {
                expressions.add(line.strip().substring("expr:".length()));
            }
        }
        assertTrue(expressions.size() >= 6, "the alerts docs/operations.md recommends");

        try (JsonReader reader =
                Json.createReader(
                        new StringReader(
                                Files.readString(MONITORING.resolve("outbox-dashboard.json"))))) {
            JsonObject dashboard = reader.readObject();
            for (JsonObject panel :
                    dashboard.getJsonArray("panels").getValuesAs(JsonObject.class)) {
                for (JsonObject target :
                        panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                    expressions.add(target.getString("expr"));
                }
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                if (!exported.contains(m.group())) {
                    unknown.add(m.group());
                }
            }
        }
        assertEquals(
                Set.of(),
                unknown,
                "metrics the rules or the dashboard name; exported: " + exported);
    }
}
