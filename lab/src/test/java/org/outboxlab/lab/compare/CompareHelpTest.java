package org.outboxlab.lab.compare;

import org.outboxlab.lab.ScriptHelpContract;

/** {@code lab/compare.sh}'s help and option names, before any build. */
class CompareHelpTest extends ScriptHelpContract {

    @Override
    protected String name() {
        return "compare";
    }

    @Override
    protected String usage() {
        return ComparisonOptions.usage();
    }
}
