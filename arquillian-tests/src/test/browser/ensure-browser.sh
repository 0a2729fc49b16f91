#!/usr/bin/env bash
# Makes sure the console's browser tests have Debian's Chromium and ChromeDriver, before any build
# starts (the root pom runs this at validate):
#
#   ensure-browser.sh SKIP_TESTS SKIP_ITS [SKIP_BROWSER]
#
# Nothing to do when the tests or the browser tests are skipped (-Dit.browser.skip), or both
# binaries are there. Otherwise it installs the
# packages chromium and chromium-driver with apt-get, as root or through password-less sudo; where it
# cannot, it prints one line with the command to run and fails.
set -euo pipefail

skip_tests=${1:-false} skip_its=${2:-false} skip_browser=${3:-false}
[ "$skip_tests" = true ] || [ "$skip_its" = true ] || [ "$skip_browser" = true ] && exit 0
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && exit 0

install="apt-get install -y chromium chromium-driver"
if [ "$(id -u)" = 0 ]; then
    sudo=
elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    sudo=sudo
else
    echo "outbox-lab: the console's browser tests need Chromium and ChromeDriver; install them first: sudo $install (or skip the browser tests: -Dit.browser.skip)" >&2
    exit 1
fi
if ! command -v apt-get > /dev/null; then
    echo "outbox-lab: the console's browser tests need /usr/bin/chromium and /usr/bin/chromedriver, and this machine has no apt-get: install Chromium and ChromeDriver there" >&2
    exit 1
fi
echo "outbox-lab: installing chromium and chromium-driver for the console's browser tests"
$sudo apt-get update -q > /dev/null
$sudo env DEBIAN_FRONTEND=noninteractive $install -q > /dev/null
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    || { echo "outbox-lab: apt-get did not install /usr/bin/chromium and /usr/bin/chromedriver" >&2; exit 1; }
