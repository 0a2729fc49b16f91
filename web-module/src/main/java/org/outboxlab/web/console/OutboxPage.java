package org.outboxlab.web.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.outboxlab.outbox.OutboxFilter;
import org.outboxlab.outbox.OutboxSearch;
import org.outboxlab.outbox.OutboxStatus;

/**
 * The outbox browser: filters (status, order, event type, time in UTC), newest first, a page at a
 * time.
 */
@Named
@ViewScoped
public class OutboxPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 25;

    @Inject OutboxSearch search;

    private String status = "";
    private String orderId = "";
    private String eventType = "";
    private String from = "";
    private String to = "";
    private int offset;
    private transient OutboxSearch.Page page;

    public void search() {
        offset = 0;
        page = null;
    }

    public void next() {
        if (offset + PAGE_SIZE < getPage().total()) {
            offset += PAGE_SIZE;
        }
        page = null;
    }

    public void previous() {
        offset = Math.max(0, offset - PAGE_SIZE);
        page = null;
    }

    public OutboxSearch.Page getPage() {
        if (page == null) {
            page = search.find(filter(), offset, PAGE_SIZE);
        }
        return page;
    }

    public int getFirstRow() {
        return getPage().total() == 0 ? 0 : offset + 1;
    }

    public long getLastRow() {
        return Math.min(getPage().total(), (long) offset + PAGE_SIZE);
    }

    public boolean isHasNext() {
        return offset + PAGE_SIZE < getPage().total();
    }

    public boolean isHasPrevious() {
        return offset > 0;
    }

    public OutboxStatus[] getStatuses() {
        return OutboxStatus.values();
    }

    public List<String> getEventTypes() {
        return search.eventTypes();
    }

    private OutboxFilter filter() {
        return new OutboxFilter(
                status == null || status.isBlank() ? null : OutboxStatus.valueOf(status),
                orderId,
                eventType,
                instant(from, "From"),
                instant(to, "To"));
    }

    /** A {@code datetime-local} value read as UTC; a bad one is reported and ignored. */
    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            FacesContext.getCurrentInstance()
                    .addMessage(
                            null,
                            new FacesMessage(
                                    FacesMessage.SEVERITY_WARN,
                                    field + " is not a date and time (yyyy-MM-ddTHH:mm); ignored",
                                    null));
            return null;
        }
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}
