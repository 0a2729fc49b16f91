package org.outboxlab.web.console;

import java.util.List;
import java.util.Locale;

/**
 * Turns numbers into coordinates for the console's inline SVG charts, scaled into a fixed box with
 * the smallest value 0 at the bottom. Pure arithmetic: nothing is rendered here, so nothing needs
 * escaping.
 */
public final class SvgChart {

    private SvgChart() {}

    /**
     * The {@code points} of a polyline through {@code values}, left to right, in a {@code width ×
     * height} box.
     */
    public static String line(List<? extends Number> values, int width, int height) {
        if (values.isEmpty()) {
            return "";
        }
        double max = max(values);
        double step = values.size() == 1 ? 0 : (double) width / (values.size() - 1);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double y = height - values.get(i).doubleValue() / max * height;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", i * step, y));
        }
        return points.toString().trim();
    }

    /**
     * The height of a bar for {@code value} when the tallest bar, {@code max}, is {@code height}
     * high.
     */
    public static double bar(double value, double max, int height) {
        return max <= 0 ? 0 : Math.max(0, value) / max * height;
    }

    /** The largest value, at least 1 so an all-zero series draws a flat line at the bottom. */
    public static double max(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElse(0) < 1
                ? 1
                : values.stream().mapToDouble(Number::doubleValue).max().getAsDouble();
    }
}
