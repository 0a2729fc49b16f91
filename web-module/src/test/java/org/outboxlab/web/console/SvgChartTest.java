package org.outboxlab.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void lineSpansTheBoxWithTheLargestValueAtTheTop() {
        assertEquals("0.0,100.0 50.0,50.0 100.0,0.0", SvgChart.line(List.of(0, 5, 10), 100, 100));
    }

    @Test
    void allZeroSeriesIsAFlatLineAtTheBottom() {
        assertEquals("0.0,40.0 10.0,40.0", SvgChart.line(List.of(0, 0), 10, 40));
        assertEquals("", SvgChart.line(List.of(), 10, 40));
    }
}
