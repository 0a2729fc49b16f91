#!/usr/bin/env bash
# A short sample: builds the EAR and fetches WildFly (no tests), configures a WildFly of its own with
# configure-wildfly.sh (H2, embedded broker) in lab/target/sample, runs it with the EAR as a process
# of its own, places orders in each write mode, and prints what every consumer applied.
# Extra arguments: [ORDERS_PER_MODE].
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
orders=${1:-20}
[[ "$orders" =~ ^[0-9]+$ ]] || { echo "run.sh: ORDERS_PER_MODE must be a number, was $orders" >&2; exit 2; }
echo "building the EAR and fetching WildFly (the first run downloads it from Maven Central) ..."
./mvnw -B -q -DskipTests -DskipITs install
./mvnw -B -q -pl lab exec:java -Dexec.mainClass=org.outboxlab.lab.SampleRun \
    -Dexec.args="$root $root/lab/target/sample $orders"
