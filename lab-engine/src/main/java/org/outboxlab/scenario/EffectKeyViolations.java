package org.outboxlab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effects PostgreSQL refused because their event already had one: each error its server log
 * holds for an effect table's unique key on {@code event_id}, with the event id from the error's
 * detail line. That key is the last line of defence behind the inboxes, so a de-duplication bug no
 * longer shows as a duplicate effect but as these rollbacks (and, if the repeat keeps failing, a
 * dead letter); what the database refused, not what the application says it did.
 */
public final class EffectKeyViolations {

    /**
     * The effect tables' unique keys on {@code event_id}, as the consumers' entities name them
     * (ComparisonScenarioIT's planted second apply finds each in the real server's log).
     */
    static final List<String> KEYS =
            List.of("uk_fulfilment_event", "uk_notification_event", "uk_ledger_event");

    private static final Pattern VIOLATION =
            Pattern.compile(
                    "duplicate key value violates unique constraint \"("
                            + String.join("|", KEYS)
                            + ")\"[^\\n]*\\n[^\\n]*DETAIL:\\s+Key \\(event_id\\)=\\(([^)]+)\\) already exists");

    private EffectKeyViolations() {}

    /** The event id of each refused effect in {@code serverLog}, once per refusal. */
    public static List<String> in(String serverLog) {
        List<String> events = new ArrayList<>();
        Matcher m = VIOLATION.matcher(serverLog.replace("\r\n", "\n"));
        while (m.find()) {
            events.add(m.group(2));
        }
        return events;
    }
}
