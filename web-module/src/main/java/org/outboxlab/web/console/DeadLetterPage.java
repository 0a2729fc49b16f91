package org.outboxlab.web.console;

import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.JMSRuntimeException;
import java.io.Serializable;
import java.util.List;
import org.outboxlab.contract.ConsumerName;
import org.outboxlab.ops.DeadLetter;
import org.outboxlab.ops.DeadLetterQueues;

/**
 * One consumer's dead-letter queue: its messages, and replay to that consumer's subscription or
 * discard, of one message or of every message in the queue (beyond the 200 shown), each asked first
 * and done only on confirmation.
 */
@Named
@ViewScoped
public class DeadLetterPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAX_SHOWN = 200;

    /** An action waiting for the operator's confirmation. */
    public record Pending(String action, String messageId) implements Serializable {}

    @Inject DeadLetterQueues queues;

    @Inject OperatorActions actions;

    @Inject AdminOnly adminOnly;

    private String consumer = ConsumerName.FULFILMENT.id();
    private Pending pending;
    private transient List<DeadLetter> letters;
    private transient String brokerError;

    public List<DeadLetter> getLetters() {
        if (letters == null) {
            try {
                letters = queues.browse(consumerName(), MAX_SHOWN);
                brokerError = null;
            } catch (JMSRuntimeException | EJBException e) {
                letters = List.of();
                brokerError = "The broker cannot be read: " + e.getMessage();
            }
        }
        return letters;
    }

    public String getBrokerError() {
        getLetters();
        return brokerError;
    }

    public ConsumerName[] getConsumers() {
        return ConsumerName.values();
    }

    public void askReplay(String messageId) {
        pending = new Pending("replay", messageId);
    }

    public void askDiscard(String messageId) {
        pending = new Pending("discard", messageId);
    }

    /** Every message of the queue, not only those shown. */
    public void askReplayAll() {
        pending = new Pending("replay-all", null);
    }

    public void askDiscardAll() {
        pending = new Pending("discard-all", null);
    }

    public void cancel() {
        pending = null;
    }

    /**
     * Carries out the pending action; the message is looked up again, so a stale page acts on
     * nothing.
     */
    public void confirm() {
        Pending action = pending;
        pending = null;
        if (action == null) {
            return;
        }
        ConsumerName target = consumerName();
        adminOnly.run(
                () -> {
                    if (action.messageId() == null) {
                        boolean replay = "replay-all".equals(action.action());
                        DeadLetterQueues.Batch taken = actions.takeAllDeadLetters(target, replay);
                        return (replay ? "Replayed " : "Discarded ")
                                + taken.moved()
                                + " message(s) of "
                                + target.queue()
                                + ".DLQ"
                                + (taken.kept() > 0
                                        ? "; " + taken.kept() + " not an event, left there."
                                        : ".");
                    }
                    if ("replay".equals(action.action())) {
                        return actions.replayDeadLetter(target, action.messageId())
                                ? "Replayed " + action.messageId() + " to " + target.queue() + "."
                                : action.messageId()
                                        + " is no longer in "
                                        + target.queue()
                                        + ".DLQ.";
                    }
                    return actions.discardDeadLetter(target, action.messageId())
                            ? "Discarded " + action.messageId() + "."
                            : action.messageId() + " is no longer in " + target.queue() + ".DLQ.";
                });
        letters = null;
    }

    public Pending getPending() {
        return pending;
    }

    public String getQueue() {
        return consumerName().queue() + ".DLQ";
    }

    public String getConsumer() {
        return consumer;
    }

    /** Switching consumer drops any question not yet answered. */
    public void setConsumer(String consumer) {
        if (consumer != null && !consumer.equals(this.consumer)) {
            pending = null;
            letters = null;
        }
        this.consumer = consumer;
    }

    private ConsumerName consumerName() {
        for (ConsumerName name : ConsumerName.values()) {
            if (name.id().equals(consumer)) {
                return name;
            }
        }
        return ConsumerName.FULFILMENT;
    }
}
