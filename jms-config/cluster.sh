#!/usr/bin/env bash
# Runs the outbox lab as a cluster on loopback: one PostgreSQL (pg.sh), an Artemis primary/backup
# pair on one journal (artemis.sh --shared-store; the backup on the broker port + 1) and N WildFly
# nodes configured by configure-wildfly.sh, sharing both.
#
#   cluster.sh start  --dir DIR --wildfly WILDFLY_HOME --ear outbox.ear --jdbc-driver postgresql.jar
#                     (--pg-jar embedded-postgres-binaries.jar | --pg-bin PG_BIN_DIR)
#                     --artemis-dist apache-artemis-VERSION-bin.tar.gz
#                     [--nodes 2] [--pg-port 25432] [--broker-port 61616] [--port-offset 0]
#   cluster.sh stop   --dir DIR     every node gracefully (its partitions pass on at once), then the
#                                   brokers and the database
#   cluster.sh status --dir DIR     one line per process; exit 0 if all run and every node is ready
#
# Node i (1..N, N at most 9) is named node-i (jboss.node.name; Narayana node identifier outbox-i,
# so one node's recovery never touches another's transactions), runs from its own base directory
# DIR/wildfly/node-i and listens at port offset + 100 * (i - 1): HTTP 8080 + that, management 9990 +
# that. The nodes share the relay's work by fenced partition leases in the database (see the
# README's "Run a cluster"); no multicast and no JGroups are needed. The first start copies
# WILDFLY_HOME to DIR/wildfly and configures it once (PostgreSQL, remote broker, the console users
# outbox-admin and outbox-viewer with $OUTBOX_ADMIN_PASSWORD / $OUTBOX_VIEWER_PASSWORD or generated
# passwords printed once); later starts reuse every node's data and transaction log. Passwords of
# the database, its replication role and the broker: $OUTBOX_DB_PASSWORD, $OUTBOX_REPLICATION_PASSWORD,
# $OUTBOX_BROKER_PASSWORD and
# $ARTEMIS_ADMIN_PASSWORD when given (on the first start), else the ones pg.sh and artemis.sh
# generated into their files in DIR. Bad usage exits 2.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "cluster: $*" >&2; exit 2; }
usage() { sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }

[ $# -ge 1 ] || usage
command=$1; shift
case "$command" in -h|--help|help) usage 0 ;; esac
dir= wildfly= ear= driver= pg_jar= pg_bin= dist= nodes=2 pg_port=25432 broker_port=61616 offset=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dir|--wildfly|--ear|--jdbc-driver|--pg-jar|--pg-bin|--artemis-dist|--nodes|--pg-port|--broker-port|--port-offset)
            [ $# -ge 2 ] || die "$1 needs a value" ;;&
        --dir) dir=$2; shift 2 ;;
        --wildfly) wildfly=$2; shift 2 ;;
        --ear) ear=$2; shift 2 ;;
        --jdbc-driver) driver=$2; shift 2 ;;
        --pg-jar) pg_jar=$2; shift 2 ;;
        --pg-bin) pg_bin=$2; shift 2 ;;
        --artemis-dist) dist=$2; shift 2 ;;
        --nodes) nodes=$2; shift 2 ;;
        --pg-port) pg_port=$2; shift 2 ;;
        --broker-port) broker_port=$2; shift 2 ;;
        --port-offset) offset=$2; shift 2 ;;
        -h|--help) usage 0 ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
done
[ -n "$dir" ] || die "--dir is required"
dir=$(realpath -m "$dir")
home=$dir/wildfly

node_dirs() { find "$home" -maxdepth 1 -name 'node-*' -type d 2>/dev/null | sort; }
node_offset() { echo $((offset + 100 * ($1 - 1))); }
pid_of() { [ -f "$1/node.pid" ] && cat "$1/node.pid"; }
running() { local pid; pid=$(pid_of "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start() {
    [[ "$nodes" =~ ^[1-9]$ ]] || die "--nodes must be 1 to 9, was $nodes"
    for port in "$pg_port" "$broker_port"; do
        [[ "$port" =~ ^[0-9]+$ && "$port" -ge 1024 && "$port" -le 65535 ]] || die "ports must be 1024-65535, was $port"
    done
    [[ "$offset" =~ ^[0-9]+$ && $((9990 + offset + 100 * (nodes - 1))) -le 65535 ]] || die "--port-offset too large: $offset"
    [ -x "$wildfly/bin/standalone.sh" ] || [ -d "$home" ] || die "--wildfly must be a WildFly 39 installation"
    [ -f "$ear" ] || die "--ear must be the outbox EAR (ear/target/outbox.ear), was '$ear'"
    [ -f "$driver" ] || [ -d "$home/modules/org/postgresql/main" ] || die "--jdbc-driver must be the PostgreSQL JDBC jar"
    [ -n "$dist" ] || [ -d "$dir/artemis/instance" ] || die "--artemis-dist is required on the first start"
    mkdir -p "$dir"

    local pg_args=(--port "$pg_port")
    [ -n "$pg_jar" ] && pg_args+=(--jar "$pg_jar")
    [ -n "$pg_bin" ] && pg_args+=(--bin "$pg_bin")
    bash "$here/postgres/pg.sh" start --dir "$dir/postgres" "${pg_args[@]}"
    local backup_port=$((broker_port + 1))
    local broker_args=(--shared-store "$dir/artemis-journal")
    [ -n "$dist" ] && broker_args+=(--dist "$dist")
    bash "$here/artemis/artemis.sh" start --dir "$dir/artemis" --port "$broker_port" --peer-port "$backup_port" \
        "${broker_args[@]}"
    OUTBOX_BROKER_PASSWORD=${OUTBOX_BROKER_PASSWORD:-$(cat "$dir/artemis/broker.password")} \
    ARTEMIS_ADMIN_PASSWORD=${ARTEMIS_ADMIN_PASSWORD:-$(cat "$dir/artemis/admin.password")} \
        bash "$here/artemis/artemis.sh" start --dir "$dir/artemis-backup" --port "$backup_port" \
            --peer-port "$broker_port" --backup "${broker_args[@]}"

    if [ ! -d "$home/standalone-configured" ]; then
        rm -rf "$home"
        cp -r "$wildfly" "$home"
        OUTBOX_DB_PASSWORD=${OUTBOX_DB_PASSWORD:-$(cat "$dir/postgres/outbox.password")} \
        OUTBOX_REPLICATION_PASSWORD=${OUTBOX_REPLICATION_PASSWORD:-$(cat "$dir/postgres/replication.password")} \
        OUTBOX_BROKER_PASSWORD=${OUTBOX_BROKER_PASSWORD:-$(cat "$dir/artemis/broker.password")} \
            bash "$here/configure-wildfly.sh" "$home" --db postgres --jdbc-driver "$driver" \
                --broker remote --broker-port "$broker_port" --broker-backup-port "$backup_port"
        # every node starts from this configured base directory that never ran
        mv "$home/standalone" "$home/standalone-configured"
    fi
    local i base
    for i in $(seq 1 "$nodes"); do
        base=$home/node-$i
        [ -d "$base" ] || cp -r "$home/standalone-configured" "$base"
        if running "$base"; then
            echo "cluster: node-$i already runs (pid $(pid_of "$base"))"
            continue
        fi
        rm -f "$base/node.pid"
        cp "$ear" "$base/deployments/outbox.ear"
        (
            export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$base/node.pid"
            nohup "$home/bin/standalone.sh" -c standalone-full.xml \
                -Djboss.server.base.dir="$base" -Djboss.node.name="node-$i" \
                -Djboss.tx.node.id="outbox-$i" -Djboss.socket.binding.port-offset="$(node_offset "$i")" \
                -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
                -Doutbox.db.port="$pg_port" > "$base/console.log" 2>&1 &
            echo $! > "$base/launcher.pid"
        )
        echo "cluster: node-$i starting at http://127.0.0.1:$((8080 + $(node_offset "$i")))/outbox/"
    done
    # all at once: the first to deploy migrates the schema under Flyway's lock, the others wait
    for i in $(seq 1 "$nodes"); do
        await_ready "$i"
    done
    status
}

await_ready() {
    local i=$1 url
    url="http://127.0.0.1:$((9990 + $(node_offset "$i")))/health/ready"
    for _ in $(seq 1 240); do
        if curl -fs -o /dev/null "$url"; then
            echo "cluster: node-$i ready"
            return
        fi
        running "$home/node-$i" || kill -0 "$(cat "$home/node-$i/launcher.pid")" 2>/dev/null \
            || die "node-$i exited; see $home/node-$i/console.log"
        sleep 1
    done
    die "node-$i not ready within 240 s; see $home/node-$i/log/server.log"
}

status() {
    local ok=0 base name i
    bash "$here/postgres/pg.sh" status --dir "$dir/postgres" >/dev/null 2>&1 \
        && echo "postgres: running" || { echo "postgres: stopped"; ok=3; }
    bash "$here/artemis/artemis.sh" status --dir "$dir/artemis" >/dev/null 2>&1 \
        && echo "artemis primary: running" || { echo "artemis primary: stopped"; ok=3; }
    bash "$here/artemis/artemis.sh" status --dir "$dir/artemis-backup" >/dev/null 2>&1 \
        && echo "artemis backup: running" || { echo "artemis backup: stopped"; ok=3; }
    while read -r base; do
        [ -n "$base" ] || continue
        name=$(basename "$base")
        i=${name#node-}
        if running "$base"; then
            if curl -fs -o /dev/null "http://127.0.0.1:$((9990 + $(node_offset "$i")))/health/ready"; then
                echo "$name: ready (pid $(pid_of "$base"), http://127.0.0.1:$((8080 + $(node_offset "$i")))/outbox/)"
            else
                echo "$name: running, not ready (pid $(pid_of "$base"))"; ok=3
            fi
        else
            echo "$name: stopped"; ok=3
        fi
    done < <(node_dirs)
    return $ok
}

stop() {
    local base pid
    while read -r base; do
        [ -n "$base" ] || continue
        if running "$base"; then
            pid=$(pid_of "$base")
            kill -TERM "$pid"
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
            echo "cluster: $(basename "$base") stopped"
        fi
    done < <(node_dirs)
    bash "$here/artemis/artemis.sh" stop --dir "$dir/artemis-backup" || true
    bash "$here/artemis/artemis.sh" stop --dir "$dir/artemis" || true
    bash "$here/postgres/pg.sh" stop --dir "$dir/postgres" || true
}

case "$command" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    -h|--help) usage ;;
    *) die "unknown command: $command (start, stop or status)" ;;
esac
