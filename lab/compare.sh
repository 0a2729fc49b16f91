#!/usr/bin/env bash
# The README's main command: the comparison. Builds the EAR and the server parts (no tests), then runs
# PostgreSQL, a standalone Artemis broker and WildFly as processes of their own, drives every write
# mode (OUTBOX, CDC, XA, NAIVE) through every scenario (baseline, broker-outage, db-outage, server-kill,
# crash-point, consumer-failure, redelivery, relay-stall), then OUTBOX again under log tailing, audits each from the databases and writes lab-results/<time>/ and
# lab-results/latest/ (report.json, report.md, report.html). Options, e.g.:
#   lab/compare.sh --modes OUTBOX,XA --scenarios baseline,broker-outage --clients 3 --rate 6 --seconds 20
# Exit status: 0 when every expectation held, 1 when the report says one did not, 2 for bad options.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=help/options.sh
source "$root/lab/help/options.sh"
check_options compare "$@"
echo "building the EAR and the server parts (the first run downloads WildFly, Artemis and PostgreSQL) ..."
./mvnw -B -q -DskipTests -DskipITs install
./mvnw -B -q -pl lab exec:java -Dexec.mainClass=org.outboxlab.lab.compare.Comparison \
    -Dexec.args="$root $root/lab-results $*"
