#!/usr/bin/env bash
# Turns the unpacked WildFly distribution into the test server target/wildfly: a pristine copy of
# standalone-full.xml becomes standalone-full-pg.xml (PostgreSQL), and both are configured by
# jms-config/configure-wildfly.sh. Later builds find the server ready and change nothing, unless the
# WildFly version or anything configure-wildfly.sh applies (the script, jms-config/cli) changed since:
# then the server is made again from the distribution.
set -euo pipefail
target=$1 version=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
configure="$here/../../../../jms-config/configure-wildfly.sh"
home="$target/wildfly"

# Known passwords for the test server's console users (this server is never shipped); the test
# database's passwords come from the build ($OUTBOX_DB_PASSWORD and $OUTBOX_REPLICATION_PASSWORD,
# the pom's pg.test.password and pg.test.replication-password).
export OUTBOX_ADMIN_PASSWORD=${OUTBOX_ADMIN_PASSWORD:-admin-Test-1}
export OUTBOX_VIEWER_PASSWORD=${OUTBOX_VIEWER_PASSWORD:-viewer-Test-1}
[ -n "${OUTBOX_DB_PASSWORD:-}" ] || { echo "prepare-server: \$OUTBOX_DB_PASSWORD is not set" >&2; exit 2; }

fingerprint=$( (echo "$version"; echo "$OUTBOX_DB_PASSWORD"; echo "${OUTBOX_REPLICATION_PASSWORD:-}"; cat "$configure" "$here"/../../../../jms-config/secrets.sh "$here"/../../../../jms-config/cli/*.cli) | sha256sum | cut -d' ' -f1)
if [ -d "$home" ] && [ "$(cat "$home/.outbox-config" 2>/dev/null)" != "$fingerprint" ]; then
    echo "prepare-server: jms-config or the WildFly version changed since $home was configured: configuring afresh"
    rm -rf "$home"
fi
if [ ! -d "$home" ]; then
    rm -rf "$home.tmp"
    cp -r "$target/dist/wildfly-$version" "$home.tmp"
    cp "$home.tmp/standalone/configuration/standalone-full.xml" "$home.tmp/standalone/configuration/standalone-full-pg.xml"
    bash "$configure" "$home.tmp" --config standalone-full.xml --db h2
    bash "$configure" "$home.tmp" --config standalone-full-pg.xml --db postgres --no-users \
        --jdbc-driver "$target/server-parts/postgresql.jar"
    echo "$fingerprint" > "$home.tmp/.outbox-config"
    mv "$home.tmp" "$home"
fi
echo "prepare-server: WildFly $version ready in $home"
