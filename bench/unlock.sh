#!/bin/sh
# Times 'apikey get' of a key in the encrypted file store with the passphrase in APIKEY_PASSPHRASE
# (every run derives the key with Argon2id) beside the same command after 'apikey unlock' (the key
# comes from the agent: no passphrase, no derivation), with hyperfine. Also reports the agent's
# resident memory. Prints Markdown on stdout.
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
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/passphrase.md" \
  -n 'get (file store, APIKEY_PASSPHRASE: derives)' "env APIKEY_PASSPHRASE=bench $apikey get local/bench" >&2
pid=$(APIKEY_PASSPHRASE=bench $apikey unlock --for 1h --json 2>/dev/null | sed 's/.*"agentPid":\([0-9]*\).*/\1/')
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/agent.md" \
  -n 'get (file store, unlocked: from the agent)' "$apikey get local/bench" >&2
cat "$work/passphrase.md"
tail -n 1 "$work/agent.md"
echo
echo "agent: $(grep VmRSS "/proc/$pid/status" | tr -s ' \t' ' ')"
