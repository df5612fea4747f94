#!/bin/sh
# Start-up beside the native tools people use next to apikey, in one hyperfine run (so every command sees
# the same machine load), for the jar distribution on the default Java (17) and the packaged build:
#   apikey --version          vs gh --version
#   apikey list (100 keys)    vs gh --version
#   apikey exec -- true       vs gh --version
#   apikey get (keychain)     vs Python keyring get (Debian's /usr/bin/python3, python3-keyring)
#   apikey request (loopback) vs HTTPie (and curl)
# Usage: bench/startup.sh [RUNS] [results.md]   (RUNS defaults to 20)
# Needs: bench/setup (hyperfine, gh, HTTPie, python3-keyring, gnome-keyring, dbus, curl) and
# packaging/build.sh for the packaged build (without it only the jar is measured).
# The keychain is a private D-Bus session with an unlocked gnome-keyring under a temporary HOME; the HTTP
# peer is a loopback server on a port the OS picks, stopped at the end.
set -eu
. "$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)/fixture.sh"
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-20}
results=${2:-}
jar="$root/target/apikey.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
packaged=$(ls -d "$root"/target/dist/apikey-*-linux-x64 2>/dev/null | head -1 || true)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The jar distribution as users install it: its launcher keeps CDS archives in the cache directory.
mkdir -p "$work/jar/bin" "$work/jar/lib"
cp "$root/packaging/jar-launcher.sh" "$work/jar/bin/apikey"
cp "$root/packaging/command-profile.sh" "$work/jar/lib/"
chmod 755 "$work/jar/bin/apikey"
cp "$jar" "$work/jar/lib/apikey.jar"
export XDG_CACHE_HOME="$work/cache"
"$work/jar/bin/apikey" --version >/dev/null
i=0
until [ -n "$(find "$XDG_CACHE_HOME" -name java.stamp 2>/dev/null)" ]; do  # the background trainings
  i=$((i + 1)); [ "$i" -le 600 ] || { echo "bench: no CDS archive after 5 minutes" >&2; exit 1; }
  sleep 0.5
done

# 99 keys written straight into the index (99 `apikey import` runs would take minutes), plus one made
# by apikey in the keychain below: 100.
export APIKEY_CONFIG_DIR="$work/config"
write_index "$APIKEY_CONFIG_DIR"
start_http_server "$work"
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

cat > "$work/inside.sh" <<EOS
set -eu
export HOME="$work/home"
mkdir -p "\$HOME"
echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$work/jar/bin/apikey" -q create local/bench --backend keychain
# Python keyring names its items' attributes differently (service, username): it gets its own item, with
# the same secret, in the same keyring.
secret=\$("$work/jar/bin/apikey" get local/bench)
/usr/bin/python3 -c 'import keyring, sys; keyring.set_password("apikey", "local/bench", sys.argv[1])' "\$secret"
[ "\$(/usr/bin/python3 -m keyring get apikey local/bench)" = "\$secret" ]
export APIKEY_SECRET_LOCAL_REQ=ak_benchmarkSecret0123456789
set -- hyperfine -N --warmup 3 --runs $runs --export-json "$work/results.json"
set -- "\$@" -n "gh --version" "gh --version"
set -- "\$@" -n "python keyring get" "/usr/bin/python3 -m keyring get apikey local/bench"
set -- "\$@" -n "httpie" "http --ignore-stdin GET $url 'Authorization: Bearer \$APIKEY_SECRET_LOCAL_REQ'"
set -- "\$@" -n "curl" "curl -s -H 'Authorization: Bearer \$APIKEY_SECRET_LOCAL_REQ' $url"
$(startup_runs jar "$work/jar/bin/apikey")
$([ -z "$packaged" ] || startup_runs packaged "$packaged/bin/apikey")
"\$@" >/dev/null
EOS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
dbus-run-session -- sh "$work/inside.sh" 2>&1 | grep -v -e 'fd limit' -e 'Activat' >&2 || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
[ -s "$work/results.json" ] || { echo "bench: hyperfine produced no results" >&2; exit 1; }

/usr/bin/python3 - "$work/results.json" "$load_before" "$load_after" "$runs" <<'EOP' | tee "${results:-/dev/null}"
import json, sys, platform, subprocess, datetime
data = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ms = lambda name: data[name]["median"] * 1000
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Machine: {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
      f"{java}; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
      f"load average {sys.argv[2]} before, {sys.argv[3]} after; hyperfine, {sys.argv[4]} runs, medians.")
print()
print("| command | peer | jar (JDK 17 + CDS) | packaged | peer | ratio jar / packaged | goal |")
print("|---|---|---:|---:|---:|---:|---|")
rows = [("--version", "gh --version", 1.0), ("list", "gh --version", 1.5), ("exec -- true", "gh --version", 1.5),
        ("get", "python keyring get", 0.5), ("request", "httpie", 0.5)]
for cmd, peer, goal in rows:
    cells, ratios = [], []
    for build in ("jar", "packaged"):
        name = f"{build} {cmd}"
        if name in data:
            r = ms(name) / ms(peer)
            cells.append(f"{ms(name):.0f} ms")
            ratios.append(f"{r:.2f}×{' ✓' if r <= goal else ''}")
        else:
            cells.append("—")
            ratios.append("—")
    print(f"| `{cmd}` | {peer} | {cells[0]} | {cells[1]} | {ms(peer):.0f} ms | {' / '.join(ratios)} | ≤ {goal}× |")
print(f"| | curl | | | {ms('curl'):.0f} ms | | |")
EOP
