#!/usr/bin/env bash
# A short sample: builds the EAR and fetches WildFly (no tests), configures a WildFly of its own with
# configure-wildfly.sh (H2, embedded broker) in lab/target/sample, runs it with the EAR as a process
# of its own, places orders in each write mode, and prints what every consumer applied.
# Extra arguments: [ORDERS_PER_MODE].
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
usage="usage: lab/run.sh [ORDERS_PER_MODE]   orders per write mode, 1 to 10000 (default 20)"
case "${1:-}" in -h|--help) echo "$usage"; exit 0 ;; esac
[ $# -le 1 ] || { echo "run.sh: one argument at most" >&2; echo "$usage" >&2; exit 2; }
orders=${1:-20}
[[ "$orders" =~ ^[0-9]+$ ]] && [ "$orders" -ge 1 ] && [ "$orders" -le 10000 ] \
    || { echo "run.sh: ORDERS_PER_MODE must be a number from 1 to 10000, was $orders" >&2; echo "$usage" >&2; exit 2; }
echo "building the EAR and fetching WildFly (the first run downloads it from Maven Central) ..."
./mvnw -B -q -DskipTests -DskipITs install
./mvnw -B -q -pl lab exec:java -Dexec.mainClass=org.outboxlab.lab.SampleRun \
    -Dexec.args="$root $root/lab/target/sample $orders"
