#!/usr/bin/env bash
# Runs a standalone ActiveMQ Artemis broker for the outbox lab's remote-broker topology, on loopback.
#
#   artemis.sh start  --dir DIR [--port 61616] [--dist apache-artemis-VERSION-bin.tar.gz]
#                     [--user outbox] [--admin-user admin]
#                     [--shared-store SHARED --peer-port N [--backup]]   one of a primary/backup pair
#   artemis.sh stop   --dir DIR     graceful shutdown
#   artemis.sh kill   --dir DIR     SIGKILL of the broker JVM (fault injection; the journal survives)
#   artemis.sh status --dir DIR     exit 0 if running, 3 if not
#
# On first start the distribution (--dist, e.g. org.apache.activemq:apache-artemis:2.44.0:tar.gz:bin
# from Maven Central) is unpacked into DIR/dist and a broker instance is created in DIR/instance
# (login required, 127.0.0.1 only, no web console, -Xmx512m), with the lab's destinations and
# security settings from broker-destinations.xml merged into its etc/broker.xml. Two users: the
# application's (--user, role outbox-app: sends and consumes order events, reads and purges the
# dead-letter queues, nothing else) and an administrator (--admin-user, role amq: everything,
# management included). Passwords, never a default and never on a command line: the application
# user's from $OUTBOX_BROKER_PASSWORD, the administrator's from $ARTEMIS_ADMIN_PASSWORD; one not
# given is generated and written to DIR/broker.password or DIR/admin.password (mode 600). The
# broker keeps only their salted hashes.
#
# A pair: start the primary with --shared-store SHARED --peer-port BACKUP_PORT, then the backup in a
# DIR of its own with --shared-store SHARED --peer-port PRIMARY_PORT --backup, both with the same
# $OUTBOX_BROKER_PASSWORD and $ARTEMIS_ADMIN_PASSWORD. They keep one journal in SHARED; the one that
# holds its lock is live, the backup waits (start returns once it does) and takes over, listening on
# its own port, when the primary dies or stops. The cluster user's password (the pair's own link;
# Artemis lets that user bypass authorization) is $ARTEMIS_CLUSTER_PASSWORD or generated once into
# SHARED/cluster.password (mode 600); broker.xml holds it masked (ENC(...)). DIR, the instance's
# etc/ and data/, and SHARED are mode 700. Later starts reuse the instance and its journal (--port,
# --user, --admin-user and the passwords only shape a new instance); remove DIR/instance to start
# afresh. Output of the broker: DIR/broker.out. Bad usage exits 2.
set -euo pipefail

die() { echo "artemis.sh: $*" >&2; exit 2; }
# shellcheck source=../secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/../secrets.sh"
usage="usage: artemis.sh start|stop|kill|status --dir DIR [--port N] [--dist FILE] [--user U] [--admin-user A] [--shared-store DIR --peer-port N [--backup]]"

[ $# -ge 1 ] || die "$usage"
action=$1; shift
case "$action" in
    start|stop|kill|status) ;;
    -h|--help|help) echo "$usage"; exit 0 ;;
    *) die "unknown action $action: start, stop, kill or status" ;;
esac
dir= port=61616 port_given= dist= user=outbox admin_user=admin shared= peer_port= backup=no
while [ $# -gt 0 ]; do
    case "$1" in
        --password) die "--password is gone (a password on a command line is visible to every local user): \
set \$OUTBOX_BROKER_PASSWORD, or let artemis.sh generate one" ;;
        --backup) [ "$action" = start ] || die "--backup is only for start" ;;
        --dir|--port|--dist|--user|--admin-user|--shared-store|--peer-port)
            [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value"
            [ "$1" = --dir ] || [ "$action" = start ] || die "$1 is only for start" ;;
    esac
    case "$1" in
        --dir) dir=$2; shift 2 ;;
        --port) port=$2; port_given=1; shift 2 ;;
        --dist) dist=$2; shift 2 ;;
        --user) user=$2; shift 2 ;;
        --admin-user) admin_user=$2; shift 2 ;;
        --shared-store) shared=$2; shift 2 ;;
        --peer-port) peer_port=$2; shift 2 ;;
        --backup) backup=yes; shift ;;
        *) die "unknown option: $1" ;;
    esac
done
[ -n "$dir" ] || die "--dir is required"
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "--port must be 1..65535, was $port"
if [ -n "$shared" ]; then
    [[ "$peer_port" =~ ^[0-9]+$ ]] && [ "$peer_port" -ge 1 ] && [ "$peer_port" -le 65535 ] \
        || die "--shared-store needs --peer-port, the other broker's port (1..65535)"
    [ "$peer_port" != "$port" ] || die "--peer-port must differ from --port"
    mkdir -p "$shared"
    shared=$(cd "$shared" && pwd)
else
    [ -z "$peer_port" ] && [ $backup = no ] || die "--peer-port and --backup go with --shared-store"
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
template="$here/broker-destinations.xml"
[ "$action" = start ] && mkdir -p "$dir"
[ -d "$dir" ] || { echo "artemis.sh: no broker in $dir (no such directory)"; [ "$action" = status ] && exit 3; exit 0; }
dir=$(cd "$dir" && pwd)
inst="$dir/instance"
pidfile="$dir/broker.pid"
log="$dir/broker.out"

# The broker's pid when it is running (a live process started from this instance), else nothing.
broker_pid() {
    local pid
    [ -s "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2> /dev/null || return 1
    if [ -r "/proc/$pid/cmdline" ]; then    # guard against a recycled pid
        tr '\0' '\n' < "/proc/$pid/cmdline" | grep -qxF -- "-Dartemis.instance=$inst" || return 1
    fi
    echo "$pid"
}

port_open() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# Waits up to $2 seconds for process $1 to exit.
wait_gone() {
    local i
    for ((i = 0; i < $2 * 5; i++)); do
        kill -0 "$1" 2> /dev/null || return 0
        sleep 0.2
    done
    return 1
}

unpack_dist() {
    [ -x "$dir/dist/bin/artemis" ] && return
    [ -n "$dist" ] || die "no Artemis distribution in $dir/dist: give --dist apache-artemis-VERSION-bin.tar.gz"
    [ -f "$dist" ] || die "no such file: $dist"
    rm -rf "$dir/dist.tmp"
    mkdir -p "$dir/dist.tmp"
    tar -xzf "$dist" -C "$dir/dist.tmp" --strip-components=1 || die "could not unpack $dist"
    [ -x "$dir/dist.tmp/bin/artemis" ] || die "$dist is not an Artemis binary distribution (no bin/artemis)"
    mv "$dir/dist.tmp" "$dir/dist"
}

# Inserts each "@@ before </tag>" section of the template just before that closing tag, which must
# occur exactly once in broker.xml.
merge_destinations() {
    local xml="$inst/etc/broker.xml" p
    [ -f "$template" ] || die "missing $template"
    awk -v tpl="$template" '
        BEGIN {
            while ((getline line < tpl) > 0) {
                if (line ~ /^<!-- @@ before <\/[a-z-]+> -->/) {
                    cur = line; sub(/^<!-- @@ before /, "", cur); sub(/ -->.*$/, "", cur)
                    order[++n] = cur; text[cur] = ""
                } else if (cur != "") text[cur] = text[cur] line "\n"
            }
            close(tpl)
        }
        {
            for (i = 1; i <= n; i++) if (index($0, order[i])) { printf "%s", text[order[i]]; hits[order[i]]++ }
            print
        }
        END {
            if (n == 0) { print "no sections in " tpl > "/dev/stderr"; exit 1 }
            for (i = 1; i <= n; i++) if (hits[order[i]] != 1) {
                print order[i] " occurs " hits[order[i]] + 0 " times in broker.xml, expected once" > "/dev/stderr"; bad = 1
            }
            exit bad
        }' "$xml" > "$xml.new" || die "could not merge $template into $xml"
    mv "$xml.new" "$xml"
    grep -q '<address name="ExpiryQueue">' "$xml" || die "no ExpiryQueue address in the generated $xml"
    for p in send consume browse createNonDurableQueue deleteNonDurableQueue manage; do
        grep -Eq "<permission type=\"$p\" roles=\"([^\"]*,)?amq(,[^\"]*)?\"" "$xml" \
            || die "the generated $xml does not grant $p to role amq; add a security-setting to $template"
    done
    grep -q '<security-setting match="OrderEvents">' "$xml" || die "no security setting for OrderEvents in the generated $xml"
}

# Prints each argument on a line of its own, double-quoted for an argument file of picocli.
argfile_lines() {
    local a
    for a in "$@"; do
        a=${a//\\/\\\\}
        printf '"%s"\n' "${a//\"/\\\"}"
    done
}

# Runs the distribution's artemis command $2 with the arguments in file $1 (mode 600) before the
# others: picocli reads @FILE, so no secret shows on a command line.
artemis_with_secrets() {
    local args=$1
    shift
    "$dir/dist/bin/artemis" "$1" "@$args" "${@:2}"
}

# Adds the application's user (role outbox-app) to the instance, with a salted hash of its password.
add_app_user() {
    local secret=$1 args hash
    args=$(umask 077 && mktemp "$dir/args.XXXXXX")
    argfile_lines "$secret" > "$args"
    hash=$(artemis_with_secrets "$args" mask --hash 2> /dev/null | sed -n 's/^result: //p')
    rm -f "$args"
    [[ "$hash" =~ ^[0-9]+:[0-9A-F]+:[0-9A-F]+$ ]] || die "artemis mask --hash gave no hash"
    printf '\n%s = ENC(%s)\n' "$user" "$hash" >> "$inst/etc/artemis-users.properties"
    printf '\noutbox-app = %s\n' "$user" >> "$inst/etc/artemis-roles.properties"
}

# Replaces the clear cluster password that artemis create wrote into broker.xml with its masked
# form, ENC(...), which the broker decodes at start. Masking only obscures the value (the default
# codec's key ships with Artemis): what keeps it secret is that etc/ is the broker user's alone.
mask_cluster_password() {
    local secret=$1 args masked xml="$inst/etc/broker.xml"
    args=$(umask 077 && mktemp "$dir/args.XXXXXX")
    argfile_lines "$secret" > "$args"
    masked=$(artemis_with_secrets "$args" mask 2> /dev/null | sed -n 's/^result: //p')
    rm -f "$args"
    [[ "$masked" =~ ^-?[0-9a-f]+$ ]] || die "artemis mask gave no masked password"
    grep -q '<cluster-password>' "$xml" || die "no <cluster-password> in $xml to mask"
    awk -v enc="ENC($masked)" '
        /<cluster-password>/ { sub(/<cluster-password>.*<\/cluster-password>/, "<cluster-password>" enc "</cluster-password>") }
        { print }' "$xml" > "$xml.new" || die "could not mask the cluster password in $xml"
    mv "$xml.new" "$xml"
    grep -qF -- "$secret" "$xml" && die "the cluster password is still in clear text in $xml"
    return 0
}

create_instance() {
    [ -f "$inst/.outbox-configured" ] && return
    command -v java > /dev/null || [ -n "${JAVA_HOME:-}" ] || die "no java on PATH and no JAVA_HOME"
    rm -rf "$inst"   # a half-made instance from an interrupted first start: never run, no data
    local app_password admin_password args
    app_password=$(password_of artemis.sh OUTBOX_BROKER_PASSWORD "$dir/broker.password")
    admin_password=$(password_of artemis.sh ARTEMIS_ADMIN_PASSWORD "$dir/admin.password")
    args=$(umask 077 && mktemp "$dir/args.XXXXXX")
    argfile_lines --user "$admin_user" --password "$admin_password" > "$args"
    local opts=(--silent --require-login --role amq --name outbox-broker
        --host 127.0.0.1 --http-host 127.0.0.1 --default-port "$port" --nio --no-autotune --java-memory 512m
        --no-amqp-acceptor --no-hornetq-acceptor --no-mqtt-acceptor --no-stomp-acceptor)
    if [ -n "$shared" ]; then
        # A primary/backup pair on one journal: whichever holds its file lock is live; the backup
        # takes over when the primary dies (or stops), and the clients follow the pair's topology.
        local cluster_password
        if [ -z "${ARTEMIS_CLUSTER_PASSWORD:-}" ] && [ -s "$shared/cluster.password" ]; then
            cluster_password=$(cat "$shared/cluster.password")
        else
            cluster_password=$(password_of artemis.sh ARTEMIS_CLUSTER_PASSWORD "$shared/cluster.password")
        fi
        argfile_lines --cluster-password "$cluster_password" >> "$args"
        opts+=(--shared-store --failover-on-shutdown --data "$shared" --clustered --cluster-user outbox-cluster
            --staticCluster "tcp://127.0.0.1:$peer_port" --max-hops 0)
        [ $backup = yes ] && opts+=(--backup)
    fi
    # --no-web (no embedded console on 8161) where this version knows it, without a costly probe.
    if ! artemis_with_secrets "$args" create "${opts[@]}" --no-web "$inst" > "$dir/create.log" 2>&1; then
        grep -qi 'unknown option.*no-web' "$dir/create.log" || { rm -f "$args"; tail -20 "$dir/create.log" >&2; die "artemis create failed"; }
        rm -rf "$inst"
        artemis_with_secrets "$args" create "${opts[@]}" "$inst" > "$dir/create.log" 2>&1 \
            || { rm -f "$args"; tail -20 "$dir/create.log" >&2; die "artemis create failed"; }
    fi
    rm -f "$args"
    [ -n "$shared" ] && mask_cluster_password "$cluster_password"
    add_app_user "$app_password"
    merge_destinations
    # A small JVM: -Xmx512m comes from --java-memory; start the heap small as well.
    sed -i 's/-Xms[0-9]*[kKmMgG]\b/-Xms64m/' "$inst/etc/artemis.profile"
    grep -q -- '-Xmx512m' "$inst/etc/artemis.profile" || die "no -Xmx512m in $inst/etc/artemis.profile"
    destinations_hash > "$inst/.outbox-configured"
}

# The broker's configuration (password hashes, the masked cluster password) and its journal are
# the broker user's alone; so are the password files beside them.
restrict_modes() {
    chmod 700 "$dir" "$inst/etc"
    [ -d "$inst/data" ] && chmod 700 "$inst/data"
    [ -n "$shared" ] && chmod 700 "$shared"
    return 0
}

# Which broker-destinations.xml an instance was made from: its addresses, queues and diverts live in
# the instance's broker.xml and journal, so a changed file needs a new instance.
destinations_hash() {
    sha256sum "$template" | cut -d' ' -f1
}

case "$action" in
    start)
        if pid=$(broker_pid); then
            echo "artemis.sh: broker already running (pid $pid) in $inst"
            exit 0
        fi
        [[ "$user" =~ ^[A-Za-z0-9._@-]+$ && "$admin_user" =~ ^[A-Za-z0-9._@-]+$ ]] \
            || die "--user and --admin-user may hold letters, digits and . _ @ - only"
        [ "$user" != "$admin_user" ] || die "--user and --admin-user must differ"
        if [ -f "$inst/.outbox-configured" ]; then    # an existing instance keeps its port
            made_for=$(sed -n 's|.*<acceptor name="artemis">tcp://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$inst/etc/broker.xml")
            [ -n "$made_for" ] || die "no 127.0.0.1 acceptor named artemis in $inst/etc/broker.xml"
            [ -z "$port_given" ] || [ "$port" = "$made_for" ] \
                || die "the instance in $inst listens on $made_for, not $port (remove it to change the port; this drops its journal)"
            port=$made_for
            [ "$(cat "$inst/.outbox-configured")" = "$(destinations_hash)" ] \
                || die "the instance in $inst was made from another $template (the lab's destinations changed); \
remove $inst to make it anew (this drops its journal: let the consumers drain it first)"
        fi
        port_open "$port" && die "127.0.0.1:$port is already in use by another process"
        unpack_dist
        create_instance
        restrict_modes
        rm -f "$pidfile"
        # A session of its own, so that signals to the caller's process group leave the broker alone;
        # bin/artemis execs java, so the pid written is the broker JVM's.
        starter=(bash -c 'echo $$ > "$1"; exec "$2" run' artemis-run "$pidfile" "$inst/bin/artemis")
        command -v setsid > /dev/null && starter=(setsid "${starter[@]}")
        echo "=== $(date '+%F %T') artemis.sh start" >> "$log"
        log_from=$(($(stat -c %s "$log") + 1))
        (cd "$inst" && exec nohup "${starter[@]}" >> "$log" 2>&1 < /dev/null &)
        for ((i = 0; i < 300; i++)); do    # 60 s
            if port_open "$port" && broker_pid > /dev/null; then
                echo "artemis.sh: broker listening on 127.0.0.1:$port"
                exit 0
            fi
            if [ $backup = yes ] && broker_pid > /dev/null \
                    && tail -c +"$log_from" "$log" | grep -q 'AMQ221109\|AMQ221031'; then
                echo "artemis.sh: backup broker waiting on the shared store $shared; it listens on 127.0.0.1:$port once the primary is gone"
                exit 0
            fi
            if [ $i -ge 25 ] && ! kill -0 "$(cat "$pidfile" 2> /dev/null || echo none)" 2> /dev/null; then
                tail -30 "$log" >&2
                die "the broker exited during start (log: $log)"
            fi
            sleep 0.2
        done
        pid=$(broker_pid) && { kill -TERM "$pid"; wait_gone "$pid" 15 || kill -KILL "$pid"; }
        tail -30 "$log" >&2
        die "the broker did not listen on 127.0.0.1:$port within 60 s (log: $log)"
        ;;
    stop)
        if ! pid=$(broker_pid); then
            rm -f "$pidfile"
            echo "artemis.sh: broker not running in $dir"
            exit 0
        fi
        "$inst/bin/artemis" stop >> "$log" 2>&1 || true
        if ! wait_gone "$pid" 60; then
            kill -TERM "$pid" 2> /dev/null || true
            wait_gone "$pid" 15 || die "the broker (pid $pid) did not stop; try: artemis.sh kill --dir $dir"
        fi
        rm -f "$pidfile"
        echo "artemis.sh: broker stopped"
        ;;
    kill)
        if ! pid=$(broker_pid); then
            rm -f "$pidfile"
            echo "artemis.sh: broker not running in $dir"
            exit 0
        fi
        kill -KILL "$pid"
        wait_gone "$pid" 10 || die "the broker (pid $pid) survived SIGKILL"
        rm -f "$pidfile"
        echo "artemis.sh: broker killed (SIGKILL, pid $pid)"
        ;;
    status)
        if pid=$(broker_pid); then
            echo "artemis.sh: broker running (pid $pid) in $inst"
        else
            echo "artemis.sh: broker not running in $dir"
            exit 3
        fi
        ;;
esac
