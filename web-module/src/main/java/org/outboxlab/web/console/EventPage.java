package org.outboxlab.web.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.outboxlab.broker.EventMessages;
import org.outboxlab.contract.EventFields;
import org.outboxlab.outbox.OutboxEvent;
import org.outboxlab.outbox.OutboxSearch;
import org.outboxlab.outbox.OutboxStatus;

/**
 * One outbox event in full: payload, the headers its message carries, attempts, last error; retry
 * if FAILED.
 */
@Named
@ViewScoped
public class EventPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject OutboxSearch search;

    @Inject OperatorActions actions;

    @Inject AdminOnly adminOnly;

    private String id;
    private transient OutboxEvent event;
    private transient boolean loaded;

    public OutboxEvent getEvent() {
        if (!loaded) {
            event = search.event(id).orElse(null);
            loaded = true;
        }
        return event;
    }

    public boolean isRetryable() {
        return getEvent() != null && getEvent().getStatus() == OutboxStatus.FAILED;
    }

    /** The message headers the relay sets for this event (see {@link EventMessages}). */
    public List<Map.Entry<String, String>> getHeaders() {
        OutboxEvent e = getEvent();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (e == null) {
            return headers;
        }
        headers.add(Map.entry(EventMessages.DUPLICATE_ID, e.getEventId()));
        headers.add(Map.entry(EventMessages.GROUP_ID, e.getAggregateId()));
        headers.add(Map.entry(EventFields.EVENT_TYPE, e.getEventType()));
        headers.add(Map.entry(EventFields.SEQUENCE, String.valueOf(e.getSequence())));
        headers.add(Map.entry(EventFields.WRITE_MODE, e.getWriteMode().name()));
        headers.add(
                Map.entry(
                        EventFields.TRACE_PARENT,
                        e.getTraceParent() == null ? "" : e.getTraceParent()));
        headers.add(Map.entry("aggregateType", e.getAggregateType()));
        headers.add(Map.entry("schemaVersion", String.valueOf(e.getSchemaVersion())));
        return headers;
    }

    public void retry() {
        String eventId = id;
        adminOnly.run(
                () ->
                        actions.retryEvent(eventId)
                                ? "Event "
                                        + eventId
                                        + " is PENDING again; the relay will publish it."
                                : "Event " + eventId + " is not FAILED; nothing to retry.");
        loaded = false;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
