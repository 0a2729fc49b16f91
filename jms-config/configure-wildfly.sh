#!/usr/bin/env bash
# Configures a stopped, unmodified WildFly 39 for the outbox lab with the WildFly CLI in embedded
# mode (no running server needed): JMS destinations, dead-letter queues, address settings, the
# relay's connection factory, the datasources, transaction recovery, metrics, health and the
# console's users.
#
#   configure-wildfly.sh WILDFLY_HOME [--config standalone-full.xml]
#       [--db h2|postgres] [--jdbc-driver /path/to/postgresql.jar]
#       [--broker embedded|remote] [--broker-host 127.0.0.1] [--broker-port 61616]
#       [--broker-user outbox] (password: $OUTBOX_BROKER_PASSWORD, default outbox)
#       [--no-users] (else users outbox-admin and outbox-viewer, passwords from
#        $OUTBOX_ADMIN_PASSWORD and $OUTBOX_VIEWER_PASSWORD or generated and printed once)
#       [--lab-user] (also user outbox-lab, role outbox-lab: may change the fault plan of a server
#        started with -Doutbox.faults.enabled=true, nothing else; password from $OUTBOX_LAB_PASSWORD
#        or generated and printed once)
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
broker=embedded
broker_host=
broker_port=
broker_user=
users=yes
lab_user=no

while [ $# -gt 0 ]; do
    case "$1" in
        --config) [ $# -ge 2 ] || die "--config needs a file name"; config=$2; shift 2 ;;
        --db) [ $# -ge 2 ] || die "--db needs h2 or postgres"; db=$2; shift 2 ;;
        --jdbc-driver) [ $# -ge 2 ] || die "--jdbc-driver needs a path"; driver=$2; shift 2 ;;
        --broker) [ $# -ge 2 ] || die "--broker needs embedded or remote"; broker=$2; shift 2 ;;
        --broker-host) [ $# -ge 2 ] || die "--broker-host needs a host"; broker_host=$2; shift 2 ;;
        --broker-port) [ $# -ge 2 ] || die "--broker-port needs a port"; broker_port=$2; shift 2 ;;
        --broker-user) [ $# -ge 2 ] || die "--broker-user needs a name"; broker_user=$2; shift 2 ;;
        --no-users) users=no; shift ;;
        --lab-user) lab_user=yes; shift ;;
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
case "$broker" in
    embedded)
        [ -z "$broker_host$broker_port$broker_user" ] || die "--broker-host, --broker-port and --broker-user go with --broker remote" ;;
    remote)
        [ -z "$broker_port" ] || [[ "$broker_port" =~ ^[0-9]+$ && "$broker_port" -ge 1 && "$broker_port" -le 65535 ]] \
            || die "--broker-port must be a port number (1-65535), was $broker_port"
        [[ "$broker_host" =~ ^[A-Za-z0-9.:_-]*$ ]] || die "--broker-host is not a host name or address: $broker_host"
        [[ "$broker_user" =~ ^[A-Za-z0-9._@-]*$ ]] || die "--broker-user may hold letters, digits and . _ @ - only" ;;
    *) die "--broker must be embedded or remote, was $broker" ;;
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

# Applies the CLI files $2... unless $xml already holds the marker $1: each file in a server session
# of its own, in one batch (a file that holds its own batch runs as it is). Commands in $prelude go
# into the first file's batch.
prelude=
apply() {
    local marker=$1 file body
    shift
    if grep -q -- "$marker" "$xml"; then
        echo "configure-wildfly: $*: already applied to $config"
        return
    fi
    for file in "$@"; do
        body=$([ -z "$prelude" ] || printf '%s\n' "$prelude"; grep -v '^\s*#' "$here/cli/$file" | grep -v '^\s*$')
        prelude=
        if grep -q -e '^batch$' -e '^if ' <<< "$body"; then
            echo "$body" | cli
        else
            { echo batch; echo "$body"; echo run-batch; } | cli
        fi
    done
    echo "configure-wildfly: $*: applied to $config"
}

if grep -q '<jms-topic name="OrderEvents"' "$xml" && [ "$broker" = remote ]; then
    die "$config already uses the embedded broker; use a fresh copy of the configuration for a remote broker"
fi
if grep -q 'remote-connector name="outbox-broker"' "$xml" && [ "$broker" = embedded ]; then
    die "$config already uses a remote broker; use a fresh copy of the configuration for the embedded one"
fi
if grep -q 'divert name="order-events-to-fulfilment"' "$xml"; then
    die "$config fans events out by diverts into jms-queues (an earlier version of this script); \
let the consumers drain their queues, then use a fresh copy of the configuration (the consumers now \
read durable subscriptions on OrderEvents)"
fi
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

# Adds an application user with one role unless it exists; prints a generated password once.
add_user() {
    local name=$1 role=$2 password=$3 users="$home/standalone/configuration/application-users.properties"
    if grep -q "^$name=" "$users"; then
        echo "configure-wildfly: user $name already exists"
        return
    fi
    local generated=no
    if [ -z "$password" ]; then
        password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20)
        generated=yes
    fi
    "$home/bin/add-user.sh" -a -s -u "$name" -p "$password" -g "$role" > /dev/null 2>&1 \
        || die "could not add user $name (add-user.sh refused the password?)"
    if [ $generated = yes ]; then
        echo "configure-wildfly: user $name (role $role) created with password: $password"
        echo "configure-wildfly: (shown once; set it yourself with the environment variable next time)"
    else
        echo "configure-wildfly: user $name (role $role) created with the password from the environment"
    fi
}

if [ "$broker" = embedded ]; then
    apply '<jms-topic name="OrderEvents"' messaging-embedded.cli
else
    # The broker's address and login, as system properties the CLI file's expressions and the app read.
    prelude="/system-property=outbox.broker.host:add(value=\"${broker_host:-127.0.0.1}\")
/system-property=outbox.broker.port:add(value=\"${broker_port:-61616}\")
/system-property=outbox.broker.user:add(value=\"${broker_user:-outbox}\")
/system-property=outbox.broker.password:add(value=\"${OUTBOX_BROKER_PASSWORD:-outbox}\")"
    apply 'remote-connector name="outbox-broker"' messaging-remote.cli
fi
apply 'pool-name="OutboxDS"' "datasource-$db.cli"
apply 'RecoveryEnvironmentBean.periodicRecoveryPeriod' transactions.cli
apply 'prometheus-registry' observability-extensions.cli observability.cli
apply 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper' logging.cli
if [ $users = yes ]; then
    add_user outbox-admin outbox-admin "${OUTBOX_ADMIN_PASSWORD:-}"
    add_user outbox-viewer outbox-viewer "${OUTBOX_VIEWER_PASSWORD:-}"
fi
if [ $lab_user = yes ]; then
    add_user outbox-lab outbox-lab "${OUTBOX_LAB_PASSWORD:-}"
fi
