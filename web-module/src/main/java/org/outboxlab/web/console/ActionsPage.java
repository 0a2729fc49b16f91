package org.outboxlab.web.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import org.outboxlab.ops.OperatorAction;
import org.outboxlab.ops.OperatorLog;

/**
 * The operators' record: what was done from the console and the operator API, by whom, to what and
 * to how many, newest first (read-only, for every console user).
 */
@Named
@RequestScoped
public class ActionsPage {

    static final int MAX_SHOWN = 200;

    @EJB OperatorLog log;

    private List<OperatorAction> actions;

    public List<OperatorAction> getActions() {
        if (actions == null) {
            actions = log.latest(MAX_SHOWN);
        }
        return actions;
    }

    public int getMaxShown() {
        return MAX_SHOWN;
    }
}
