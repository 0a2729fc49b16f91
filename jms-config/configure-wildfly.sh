#!/usr/bin/env bash
# Configures a stopped, unmodified WildFly 39 for the outbox lab with the WildFly CLI in embedded
# mode (no running server needed): JMS destinations, dead-letter queues, address settings, the
# relay's connection factory, the datasources, transaction recovery, metrics, health, the console's
# users and a credential store for the passwords of PostgreSQL and a remote broker.
#
#   configure-wildfly.sh WILDFLY_HOME [--config standalone-full.xml]
#       [--db h2|postgres] [--jdbc-driver /path/to/postgresql.jar]
#        (postgres: the database user's password in $OUTBOX_DB_PASSWORD, required; with
#        $OUTBOX_REPLICATION_PASSWORD, the replication role's, also the datasource
#        OutboxReplicationDS the log-tailing relay reads the slot through)
#       [--broker embedded|remote] [--broker-host 127.0.0.1] [--broker-port 61616]
#       [--broker-user outbox] (the broker user's password in $OUTBOX_BROKER_PASSWORD, required)
#       [--broker-backup-port PORT] (remote: the backup of a primary/backup pair, same host)
#       [--no-users] (else users outbox-admin and outbox-viewer, passwords from
#        $OUTBOX_ADMIN_PASSWORD and $OUTBOX_VIEWER_PASSWORD or generated and printed once)
#       [--lab-user] (also user outbox-lab, role outbox-lab: may change the fault plan of a server
#        started with -Doutbox.faults.enabled=true, nothing else; password from $OUTBOX_LAB_PASSWORD
#        or generated and printed once)
#
# Each part is applied in one CLI batch, and the parts share as few embedded server sessions as they
# can (one costs seconds); if a batch fails, the configuration is put back as it was before its
# session, so a run applies whole parts or nothing. A part that is already
# present is left alone, so running the script twice changes nothing the second time. No password
# has a default, none passes a command line, and none is written to the configuration in clear text:
# the database's and the broker's go into the Elytron credential store outbox-credentials, the
# console users' are kept as the realm's hashes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "configure-wildfly: $*" >&2; exit 2; }
# shellcheck source=secrets.sh
source "$here/secrets.sh"
usage() {
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
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
broker_backup_port=
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
        --broker-backup-port) [ $# -ge 2 ] || die "--broker-backup-port needs a port"; broker_backup_port=$2; shift 2 ;;
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
        [ -n "${OUTBOX_DB_PASSWORD:-}" ] || die "--db postgres needs the database user's password in \$OUTBOX_DB_PASSWORD \
(pg.sh wrote the one it generated to its DIR/outbox.password)"
        if [ ! -d "$home/modules/org/postgresql/main" ]; then
            [ -n "$driver" ] || die "--db postgres needs --jdbc-driver /path/to/postgresql.jar"
            [ -f "$driver" ] || die "no JDBC driver at $driver"
        fi ;;
    *) die "--db must be h2 or postgres, was $db" ;;
esac
case "$broker" in
    embedded)
        [ -z "$broker_host$broker_port$broker_user$broker_backup_port" ] \
            || die "--broker-host, --broker-port, --broker-user and --broker-backup-port go with --broker remote" ;;
    remote)
        [ -z "$broker_port" ] || [[ "$broker_port" =~ ^[0-9]+$ && "$broker_port" -ge 1 && "$broker_port" -le 65535 ]] \
            || die "--broker-port must be a port number (1-65535), was $broker_port"
        [ -z "$broker_backup_port" ] || [[ "$broker_backup_port" =~ ^[0-9]+$ && "$broker_backup_port" -ge 1 && "$broker_backup_port" -le 65535 ]] \
            || die "--broker-backup-port must be a port number (1-65535), was $broker_backup_port"
        [[ "$broker_host" =~ ^[A-Za-z0-9.:_-]*$ ]] || die "--broker-host is not a host name or address: $broker_host"
        [[ "$broker_user" =~ ^[A-Za-z0-9._@-]*$ ]] || die "--broker-user may hold letters, digits and . _ @ - only"
        [ -n "${OUTBOX_BROKER_PASSWORD:-}" ] || die "--broker remote needs the broker user's password in \$OUTBOX_BROKER_PASSWORD \
(artemis.sh wrote the one it generated to its DIR/broker.password)" ;;
    *) die "--broker must be embedded or remote, was $broker" ;;
esac

# The credential store and its key file next to $config, readable by this user only.
private_secrets() {
    local secret_file
    for secret_file in "$home/standalone/configuration/outbox-credentials.${config%.xml}.p12" \
        "$home/standalone/configuration/outbox-key.${config%.xml}.cs"; do
        [ ! -f "$secret_file" ] || chmod 600 "$secret_file"
    done
}

# Runs CLI commands (standard input) against the embedded server on $config; with --print, prints
# what the CLI answered. The commands go in a file only this user can read (they may hold secrets).
cli() {
    local script print=no
    [ "${1:-}" = --print ] && print=yes
    script=$(mktemp)
    {
        echo "embed-server --std-out=discard --server-config=$config"
        cat
        echo "stop-embedded-server"
    } > "$script"
    local failed=no
    "$home/bin/jboss-cli.sh" --file="$script" > "$script.out" 2>&1 || failed=yes
    # a session that adds an alias writes the credential store anew with this process's umask
    private_secrets
    if [ $failed = yes ]; then
        grep -v 'ENC::' "$script.out" >&2 || true
        rm -f "$script" "$script.out"
        die "the CLI failed; $config is unchanged"
    fi
    [ $print = no ] || cat "$script.out"
    rm -f "$script" "$script.out"
}

# Queues the CLI files $2... unless $xml already holds the marker $1, each in one batch (a file that
# holds its own batch runs as it is); commands in $prelude go into the first file's batch. The
# queued batches run together in one server session at the next flush (a server session costs
# seconds); a file followed by another of the same part ends its session, so that the next one sees
# what it added (an extension before its subsystem).
prelude=
pending=()
pending_parts=()
apply() {
    local marker=$1 file body last=${!#}
    shift
    if grep -q -- "$marker" "$xml"; then
        echo "configure-wildfly: $*: already applied to $config"
        return
    fi
    for file in "$@"; do
        body=$([ -z "$prelude" ] || printf '%s\n' "$prelude"; grep -v '^\s*#' "$here/cli/$file" | grep -v '^\s*$')
        prelude=
        if grep -q -e '^batch$' -e '^if ' <<< "$body"; then
            pending+=("$body")
        else
            pending+=("batch"$'\n'"$body"$'\n'"run-batch")
        fi
        [ "$file" = "$last" ] || flush
    done
    pending_parts+=("$*")
}

# Runs the queued batches in one server session; if one fails, $xml is put back as it was before the
# session and the script stops.
flush() {
    [ ${#pending[@]} -gt 0 ] || return 0
    cp "$xml" "$xml.before-session"
    # shellcheck disable=SC2064
    trap "mv -f '$xml.before-session' '$xml'" EXIT
    printf '%s\n' "${pending[@]}" | cli
    trap - EXIT
    rm -f "$xml.before-session"
    local part
    for part in "${pending_parts[@]}"; do
        echo "configure-wildfly: $part: applied to $config"
    done
    pending=()
    pending_parts=()
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

# The PostgreSQL driver's module; added in the credential store's first server session when that
# runs (a server session costs seconds), else in one of its own.
module_add=
if [ "$db" = postgres ] && [ ! -d "$home/modules/org/postgresql/main" ]; then
    module_add="module add --name=org.postgresql --resources=$driver --dependencies=java.logging,java.sql,java.naming,jakarta.transaction.api"
fi

# Adds an application user with one role unless it exists; prints a generated password once. The
# realm keeps HEX(MD5(user:ApplicationRealm:password)), as add-user.sh writes it; the password never
# passes a command line (add-user.sh would take it as -p).
add_user() {
    local name=$1 role=$2 password=$3 conf="$home/standalone/configuration"
    local users="$conf/application-users.properties" roles="$conf/application-roles.properties"
    if grep -q "^$name=" "$users"; then
        echo "configure-wildfly: user $name already exists"
        return
    fi
    local generated=no
    if [ -z "$password" ]; then
        password=$(random_secret)
        generated=yes
    fi
    [ ${#password} -ge 8 ] || die "the password of $name must have at least 8 characters"
    [ "$password" != "$name" ] || die "the password of $name must not be its name"
    [[ "$password" != *$'\n'* ]] || die "the password of $name must be one line"
    local hash
    hash=$(printf '%s' "$name:ApplicationRealm:$password" | md5sum | cut -d' ' -f1)
    [ -z "$(tail -c 1 "$users")" ] || echo >> "$users"
    [ -z "$(tail -c 1 "$roles")" ] || echo >> "$roles"
    echo "$name=$hash" >> "$users"
    grep -q "^$name=" "$roles" || echo "$name=$role" >> "$roles"
    if [ $generated = yes ]; then
        echo "configure-wildfly: user $name (role $role) created with password: $password"
        echo "configure-wildfly: (shown once; set it yourself with the environment variable next time)"
    else
        echo "configure-wildfly: user $name (role $role) created with the password from the environment"
    fi
}

# Keeps the passwords of PostgreSQL (alias outbox-db) and of a remote broker (alias outbox-broker) in
# the Elytron credential store outbox-credentials, next to $config. The store's own password is
# random and kept as an encrypted expression, whose key is in the secret-key store outbox-key (the
# file only this user may read); the broker's password is also kept as an encrypted expression for
# the system property the application reads. Applied whole or not at all.
broker_password_expression=
store_credentials() {
    local base=${config%.xml} conf="$home/standalone/configuration" answer master
    local key_file="outbox-key.$base.cs" store_file="outbox-credentials.$base.p12"
    if grep -q 'credential-store name="outbox-credentials"' "$xml"; then
        echo "configure-wildfly: credential store: already applied to $config"
        return
    fi
    cp "$xml" "$xml.before-credentials"
    rm -f "$conf/$key_file" "$conf/$store_file"
    # shellcheck disable=SC2064
    trap "mv -f '$xml.before-credentials' '$xml'; rm -f '$conf/$key_file' '$conf/$store_file'" EXIT
    master=$(random_secret)
    local encrypt="/subsystem=elytron/expression=encryption:create-expression(resolver=outbox, clear-text=\"$master\")" wanted=1
    if [ "$broker" = remote ]; then
        encrypt+=$'\n'"/subsystem=elytron/expression=encryption:create-expression(resolver=outbox, clear-text=\"$OUTBOX_BROKER_PASSWORD\")"
        wanted=2
    fi
    # One server session: the driver's module (if due), the key and the resolver, then the
    # expressions made with them.
    answer=$( (umask 077 && cli --print) <<CLI
$module_add
batch
/subsystem=elytron/secret-key-credential-store=outbox-key:add(path=$key_file, relative-to=jboss.server.config.dir, create=true, populate=true)
/subsystem=elytron/expression=encryption:add(resolvers=[{name=outbox, credential-store=outbox-key, secret-key=key}])
run-batch
$encrypt
CLI
)
    if [ -n "$module_add" ]; then
        module_add=
        echo "configure-wildfly: added the org.postgresql module"
    fi
    chmod 600 "$conf/$key_file"
    local expressions
    mapfile -t expressions < <(grep -o '\${ENC::outbox:[A-Za-z0-9+/=]*}' <<< "$answer")
    [ ${#expressions[@]} -eq $wanted ] || die "the CLI made no encrypted expression; $config is unchanged"
    broker_password_expression=${expressions[1]:-}
    local aliases=
    [ "$db" = postgres ] && aliases+="/subsystem=elytron/credential-store=outbox-credentials:add-alias(alias=outbox-db, secret-value=\"$OUTBOX_DB_PASSWORD\")"$'\n'
    [ "$broker" = remote ] && aliases+="/subsystem=elytron/credential-store=outbox-credentials:add-alias(alias=outbox-broker, secret-value=\"$OUTBOX_BROKER_PASSWORD\")"$'\n'
    (umask 077 && cli) <<CLI
/subsystem=elytron/credential-store=outbox-credentials:add(path=$store_file, relative-to=jboss.server.config.dir, create=true, credential-reference={clear-text="${expressions[0]}"})
$aliases
CLI
    chmod 600 "$conf/$store_file"
    trap - EXIT
    rm -f "$xml.before-credentials"
    echo "configure-wildfly: credential store outbox-credentials: applied to $config ($store_file, key in $key_file)"
}

if [ "$db" = postgres ] || [ "$broker" = remote ]; then
    for secret in "${OUTBOX_DB_PASSWORD:-}" "${OUTBOX_BROKER_PASSWORD:-}"; do
        [[ "$secret" != *[\"\\]* && "$secret" != *$'\n'* ]] || die "\$OUTBOX_DB_PASSWORD and \$OUTBOX_BROKER_PASSWORD must be one line without \" or \\"
    done
    store_credentials
fi
if [ -n "$module_add" ]; then
    echo "$module_add" | cli
    echo "configure-wildfly: added the org.postgresql module"
fi
if [ "$broker" = embedded ]; then
    apply '<jms-topic name="OrderEvents"' messaging-embedded.cli
else
    # The broker's address and login, as system properties the CLI file's expressions and the app
    # read; the password as the encrypted expression made above.
    if ! grep -q 'remote-connector name="outbox-broker"' "$xml"; then
        [ -n "$broker_password_expression" ] || die "$config has the credential store but not the remote broker: \
use a fresh copy of the configuration"
    fi
    prelude="/system-property=outbox.broker.host:add(value=\"${broker_host:-127.0.0.1}\")
/system-property=outbox.broker.port:add(value=\"${broker_port:-61616}\")
/system-property=outbox.broker.user:add(value=\"${broker_user:-outbox}\")
/system-property=outbox.broker.password:add(value=\"$broker_password_expression\")"
    apply 'remote-connector name="outbox-broker"' messaging-remote.cli
    if [ -n "$broker_backup_port" ]; then
        prelude="/system-property=outbox.broker.backup-port:add(value=\"$broker_backup_port\")"
        apply 'remote-connector name="outbox-broker-backup"' messaging-remote-backup.cli
    fi
fi
apply 'pool-name="OutboxDS"' "datasource-$db.cli"
if [ "$db" = postgres ] && [ -n "${OUTBOX_REPLICATION_PASSWORD:-}" ]; then
    [[ "$OUTBOX_REPLICATION_PASSWORD" != *[\"\\]* && "$OUTBOX_REPLICATION_PASSWORD" != *$'\n'* ]] \
        || die "\$OUTBOX_REPLICATION_PASSWORD must be one line without \" or \\"
    prelude="/subsystem=elytron/credential-store=outbox-credentials:add-alias(alias=outbox-replication, secret-value=\"$OUTBOX_REPLICATION_PASSWORD\")"
    apply 'pool-name="OutboxReplicationDS"' datasource-postgres-replication.cli
fi
apply 'RecoveryEnvironmentBean.periodicRecoveryPeriod' transactions.cli
apply 'prometheus-registry' observability-extensions.cli observability.cli
apply 'microprofile-openapi-smallrye' openapi.cli
apply 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper' logging.cli
flush
if [ $users = yes ]; then
    add_user outbox-admin outbox-admin "${OUTBOX_ADMIN_PASSWORD:-}"
    add_user outbox-viewer outbox-viewer "${OUTBOX_VIEWER_PASSWORD:-}"
fi
if [ $lab_user = yes ]; then
    add_user outbox-lab outbox-lab "${OUTBOX_LAB_PASSWORD:-}"
fi
