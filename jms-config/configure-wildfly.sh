#!/usr/bin/env bash
# Configures a stopped, unmodified WildFly 39 for the outbox lab with the WildFly CLI in embedded
# mode (no running server needed): JMS destinations, dead-letter queues, address settings, the
# relay's connection factory, the datasources and transaction recovery.
#
#   configure-wildfly.sh WILDFLY_HOME [--config standalone-full.xml] [--db h2|postgres]
#                        [--jdbc-driver /path/to/postgresql.jar]
#
# Each part is applied in one CLI batch: it is applied whole or not at all. A part that is already
# present is left alone, so running the script twice changes nothing the second time.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "configure-wildfly: $*" >&2; exit 2; }
usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac
home=$1; shift
config=standalone-full.xml
db=h2
driver=

while [ $# -gt 0 ]; do
    case "$1" in
        --config) [ $# -ge 2 ] || die "--config needs a file name"; config=$2; shift 2 ;;
        --db) [ $# -ge 2 ] || die "--db needs h2 or postgres"; db=$2; shift 2 ;;
        --jdbc-driver) [ $# -ge 2 ] || die "--jdbc-driver needs a path"; driver=$2; shift 2 ;;
        -h|--help) usage ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
done

[ -x "$home/bin/jboss-cli.sh" ] || die "$home is not a WildFly installation (no bin/jboss-cli.sh)"
xml="$home/standalone/configuration/$config"
[ -f "$xml" ] || die "no server configuration $xml"
grep -q 'urn:jboss:domain:messaging-activemq' "$xml" \
    || die "$config has no messaging subsystem; use standalone-full.xml or a copy of it"
case "$db" in
    h2) ;;
    postgres)
        if [ ! -d "$home/modules/org/postgresql/main" ]; then
            [ -n "$driver" ] || die "--db postgres needs --jdbc-driver /path/to/postgresql.jar"
            [ -f "$driver" ] || die "no JDBC driver at $driver"
        fi ;;
    *) die "--db must be h2 or postgres, was $db" ;;
esac

# Runs CLI commands (standard input) against the embedded server on $config.
cli() {
    local script
    script=$(mktemp)
    {
        echo "embed-server --std-out=discard --server-config=$config"
        cat
        echo "stop-embedded-server"
    } > "$script"
    if ! "$home/bin/jboss-cli.sh" --file="$script" > "$script.out" 2>&1; then
        cat "$script.out" >&2
        rm -f "$script" "$script.out"
        die "the CLI failed; $config is unchanged"
    fi
    rm -f "$script" "$script.out"
}

# Applies the CLI file $2 in one batch unless $xml already holds the marker $1.
apply() {
    local marker=$1 file=$2
    if grep -q -- "$marker" "$xml"; then
        echo "configure-wildfly: $(basename "$file"): already applied to $config"
        return
    fi
    { echo batch; grep -v '^\s*#' "$here/cli/$file" | grep -v '^\s*$'; echo run-batch; } | cli
    echo "configure-wildfly: $(basename "$file"): applied to $config"
}

if grep -q 'pool-name="OutboxDS"' "$xml"; then
    configured_db=h2
    grep -q 'driver>postgresql<' "$xml" && configured_db=postgres
    [ "$configured_db" = "$db" ] || die "$config already has the outbox datasources on $configured_db; \
use a fresh copy of the configuration to switch to $db"
fi

if [ "$db" = postgres ] && [ ! -d "$home/modules/org/postgresql/main" ]; then
    echo "module add --name=org.postgresql --resources=$driver --dependencies=java.logging,java.sql,java.naming,jakarta.transaction.api" | cli
    echo "configure-wildfly: added the org.postgresql module"
fi

apply 'jms-topic name="OrderEvents"' messaging-embedded.cli
apply 'pool-name="OutboxDS"' "datasource-$db.cli"
apply 'RecoveryEnvironmentBean.periodicRecoveryPeriod' transactions.cli
