#!/usr/bin/env bash
# The README's main command: builds the EAR and the provisioned WildFly (no tests), then runs the
# sample: WildFly with the EAR as a process of its own, orders placed in each write mode, and what
# every consumer applied. Extra arguments: [ORDERS_PER_MODE].
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
orders=${1:-20}
[[ "$orders" =~ ^[0-9]+$ ]] || { echo "run.sh: ORDERS_PER_MODE must be a number, was $orders" >&2; exit 2; }
echo "building the EAR and provisioning WildFly (first run downloads WildFly from Maven Central) ..."
./mvnw -B -q -DskipTests -DskipITs install
./mvnw -B -q -pl lab exec:java -Dexec.mainClass=org.outboxlab.lab.SampleRun \
    -Dexec.args="$root/arquillian-tests/target/wildfly $root/ear/target/outbox.ear $root/lab/target/sample $orders"
