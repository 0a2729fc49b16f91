package org.outboxlab.scenario;

import java.util.List;

/**
 * What each count of a comparison's table sees and what it cannot see, one line per count: the
 * lab's report.md and report.html print them under the table, the console's Lab page beside it
 * (docs/lab.md says the same).
 */
public final class CountDefinitions {

    /** The definitions, in the table's column order. */
    public static final List<String> LINES =
            List.of(
                    "Counts are order changes (events): one per placed, paid, shipped or cancelled order;"
                            + " attempted: the writes the load sent, committed: the events the database holds.",
                    "rejected: writes refused with nothing written: a 503 with the documented problem, or,"
                            + " where the scenario takes a WildFly down, a refused connection or WildFly's own 503."
                            + " It cannot see whether the refusal named the right cause.",
                    "errors: any other answer (a 500, a 4xx, a problem claiming a commit its mode never makes),"
                            + " and refused connections where no WildFly was down; it cannot see a wrong 2xx.",
                    "lost: events committed in PostgreSQL that some consumer never applied; an event in a"
                            + " dead-letter queue is lost too, unless the scenario poisoned its order on purpose"
                            + " (consumer-failure). It cannot see an order change whose event row was never written.",
                    "phantom: effects whose event the database does not hold, and effects whose order it does"
                            + " not hold (XA's send committed, its order rolled back); it cannot see a message"
                            + " that reached the broker and no consumer.",
                    "dup effects: an effect applied twice for one event and consumer. The effect tables' unique"
                            + " key on event_id keeps this at 0 on the real schema: a second apply rolls back, is"
                            + " redelivered and, if it keeps failing, dead-lettered, which key rollbacks, lost and"
                            + " dead-lettered count.",
                    "key rollbacks: second applies of the run's events that PostgreSQL refused on that unique key,"
                            + " read from its server log (what a de-duplication bug produces now); '-' where the"
                            + " lab cannot read that log. It cannot see a repeat applied under another event id.",
                    "dup deliveries: repeats the inboxes absorbed; a copy the broker's duplicate detection"
                            + " dropped never reaches them.",
                    "out of order: effects applied (by applied_at, then id) after an effect of a later event of"
                            + " the same order, per consumer; it cannot see two effects applied in the same"
                            + " instant in the wrong order when their ids sort the right way.",
                    "heuristic: XA heuristic outcomes in node 1's Narayana log store, and transactions still"
                            + " prepared in PostgreSQL; not the broker's in-doubt transactions, nor another node's"
                            + " log store in a cluster.",
                    "dead-lettered: events in a consumer's dead-letter queue when the audit ran, poisoned or not;"
                            + " not a message the broker dropped or expired.",
                    "A crash point's row says NOT reached when the server never logged reaching it before its"
                            + " JVM ended (an exit alone proves nothing: a SIGKILL exits the same).",
                    "indeterminate: requests whose answer never came (in brackets: how many the database holds);"
                            + " it cannot see a request the load never sent.",
                    "writes/s: committed events per second of load; p50/p95/p99: event commit to the last"
                            + " consumer's effect, of the events applied everywhere (lost ones have none).",
                    "recovery: fault over until every event committed by then was applied by every consumer"
                            + " (never: events were lost); it cannot see an effect the consumers applied wrongly.");

    private CountDefinitions() {}
}
