package org.outboxlab.web.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times, durations and numbers: UTC, to the second. */
@Named("fmt")
@ApplicationScoped
public class ConsoleFormat {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    public String time(Instant at) {
        return at == null ? "–" : TIME.format(at);
    }

    public String age(Duration age) {
        if (age == null) {
            return "–";
        }
        long ms = age.toMillis();
        return ms < 10_000
                ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0)
                : ms < 120_000 ? (ms / 1000) + " s" : (ms / 60_000) + " min";
    }

    /** An amount in cents as units with two decimals. */
    public String money(long cents) {
        return String.format(Locale.ROOT, "%,.2f", cents / 100.0);
    }

    public String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }
}
