#!/bin/sh
# Two builds of apikey side by side, in one hyperfine run, so that only the builds differ: the start-up commands
# of bench/startup.sh (--version, list over 100 keys, exec, get from the real keychain, request to loopback) for
# OLD and NEW. Each is a jar, run on the default Java with the same flags and no application archive (so only the
# code differs), or a packaged tree (target/dist/apikey-*-linux-x64, from packaging/build.sh), run by its launcher
# with its runtime and AOT caches.
# Usage: bench/compare-builds.sh OLD NEW [RUNS]   (RUNS defaults to 20)
#   e.g. git stash; mvn -q -DskipTests package; cp target/apikey.jar /tmp/old.jar; git stash pop; mvn -q ...
# Needs: bench/setup (hyperfine, gnome-keyring, dbus). The keychain is a private D-Bus session with an unlocked
# gnome-keyring under a temporary HOME; the HTTP server is on a loopback port the OS picks, stopped at the end.
set -eu
. "$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)/fixture.sh"
[ $# -ge 2 ] || { echo "usage: bench/compare-builds.sh OLD NEW [RUNS]   (each a jar or a packaged tree)" >&2; exit 2; }
old=$(readlink -f "$1")
new=$(readlink -f "$2")
runs=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export APIKEY_CONFIG_DIR="$work/config"
write_index "$APIKEY_CONFIG_DIR"
start_http_server "$work"
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# A jar on the default Java with the launchers' flags and no application archive; a packaged tree by its launcher.
apikey_of() {
  if [ -d "$1" ]; then printf '%s' "$1/bin/apikey"; else printf 'java %s -jar %s' "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto" "$1"; fi
}
cat > "$work/inside.sh" <<EOS
set -eu
export HOME="$work/home"
mkdir -p "\$HOME"
echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
$(apikey_of "$new") -q create local/bench --backend keychain
export APIKEY_SECRET_LOCAL_REQ=ak_benchmarkSecret0123456789
set -- hyperfine -N --warmup 3 --runs $runs --export-markdown "$work/results.md"
$(startup_runs old "$(apikey_of "$old")")
$(startup_runs new "$(apikey_of "$new")")
"\$@" >/dev/null
EOS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
dbus-run-session -- sh "$work/inside.sh" 2>&1 | grep -v -e 'fd limit' -e 'Activat' >&2 || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
[ -s "$work/results.md" ] || { echo "bench: hyperfine produced no results" >&2; exit 1; }
echo "jars on $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M') UTC; load average $load_before before, $load_after after; old = $1, new = $2"
cat "$work/results.md"
