package org.outboxlab.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    @Test
    void aBacklogThatSawsAroundALevelIsFlatAndOneThatGrowsHasItsRate() {
        List<double[]> flat = new ArrayList<>();
        List<double[]> growing = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            flat.add(new double[] {t, 100 + (t % 2 == 0 ? 40 : -40)});
            growing.add(new double[] {t, 100 + 25.0 * t + (t % 3) * 10});
        }
        assertEquals(0, SteadyState.slope(flat), 1.5);
        assertEquals(25, SteadyState.slope(growing), 0.5);
    }
}
