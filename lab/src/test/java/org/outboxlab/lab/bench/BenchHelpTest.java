package org.outboxlab.lab.bench;

import org.outboxlab.lab.ScriptHelpContract;

/** {@code lab/bench.sh}'s help and option names, before any build. */
class BenchHelpTest extends ScriptHelpContract {

    @Override
    protected String name() {
        return "bench";
    }

    @Override
    protected String usage() {
        return BenchOptions.usage();
    }
}
