#!/usr/bin/env bash
# The benchmark: builds the EAR and the server parts (no tests), then runs PostgreSQL, a standalone
# Artemis broker and WildFly as processes of their own and measures the write path, the relay and
# end-to-end latency, each against its baseline in the same run. Results: bench-results/<time>/ and
# bench-results/latest/ (bench.json, bench.md, bench.png). Options (lab/bench.sh --help) go to the
# benchmark, which checks them all before it starts anything; e.g.
#   lab/bench.sh --seconds 6 --clients 1,4,16,32 --rates 100,200,500,1000 --backlog 100000 --batch 1000
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=help/options.sh
source "$root/lab/help/options.sh"
check_options bench "$@"
echo "building the EAR and the server parts (first run downloads WildFly, Artemis and PostgreSQL) ..."
./mvnw -B -q -DskipTests -DskipITs install
out="$root/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
./mvnw -B -q -pl lab exec:java -Dexec.mainClass=org.outboxlab.lab.bench.Benchmark \
    -Dexec.args="$root $out $*"
rm -rf "$root/bench-results/latest"
cp -r "$out" "$root/bench-results/latest"
