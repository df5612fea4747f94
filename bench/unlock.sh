#!/bin/sh
# Times 'apikey get' of a key in the encrypted file store with the passphrase in APIKEY_PASSPHRASE
# (every run derives the key with Argon2id) beside the same command after 'apikey unlock' (the key
# comes from the agent: no passphrase, no derivation), with hyperfine. Also reports the agent's
# resident memory. The same get with the secret in APIKEY_SECRET_* (no store opened) is the floor.
# Prints Markdown on stdout.
#
#   bench/unlock.sh [RUNS]       (needs hyperfine)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-20}
jar="$root/target/apikey.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed" >&2; exit 2; }

work=$(mktemp -d)
export APIKEY_CONFIG_DIR="$work/config" XDG_RUNTIME_DIR="$work/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
apikey="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar $jar"
cleanup() {
  $apikey lock >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

printf 'ak_benchmarkSecret0123456789' | APIKEY_PASSPHRASE=bench $apikey import local/bench --backend file 2>/dev/null
pid=$(APIKEY_PASSPHRASE=bench $apikey unlock --for 1h --json 2>/dev/null | sed 's/.*"agentPid":\([0-9]*\).*/\1/')
# Both in one hyperfine run, so machine load falls on both alike. APIKEY_PASSPHRASE wins over the agent,
# so the first command derives the key every time although the store is unlocked.
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/get.json" \
  -n 'get, file store, APIKEY_PASSPHRASE (derives every time)' "env APIKEY_PASSPHRASE=bench $apikey get local/bench" \
  -n 'get, file store, unlocked (key from the agent)' "$apikey get local/bench" \
  -n 'get, no store: APIKEY_SECRET_LOCAL_BENCH (the floor)' "env APIKEY_SECRET_LOCAL_BENCH=ak_benchmarkSecret0123456789 $apikey get local/bench" >&2
/usr/bin/python3 - "$work/get.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]
print("| command | median | mean ± σ | user CPU | × derives |")
print("|---|---|---|---|---|")
for r in results:
    print("| %s | %.0f ms | %.0f ± %.0f ms | %.0f ms | %.2f |" % (r["command"], r["median"] * 1000, r["mean"] * 1000,
          r["stddev"] * 1000, r["user"] * 1000, r["median"] / base["median"]))
PY
echo
echo "agent: $(grep VmRSS "/proc/$pid/status" | tr -s ' \t' ' ')"
