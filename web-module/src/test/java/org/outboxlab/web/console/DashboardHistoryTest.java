package org.outboxlab.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardHistoryTest {

    @Test
    void historyKeepsOneSampleASecondAndDerivesThePublishRate() {
        DashboardHistory history = new DashboardHistory();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        history.record(new DashboardHistory.Sample(t, 5, 0, 100, 0));
        history.record(new DashboardHistory.Sample(t.plusMillis(300), 6, 0, 101, 0));
        history.record(new DashboardHistory.Sample(t.plusSeconds(2), 0, 0, 140, 0));

        List<DashboardHistory.Sample> samples = history.samples();
        assertEquals(2, samples.size(), "the sample 300 ms after the first is dropped");
        assertEquals(List.of(20.0), DashboardHistory.publishRates(samples));
    }
}
