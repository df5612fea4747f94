#!/bin/sh
# rotate --due over many keys against a local fake provider with a fixed latency per call: wall time, and how
# many provider calls were in flight at once (apikey rotates up to 4 keys at a time).
#   bench/rotate-due.sh [KEYS (200)] [LATENCY_MS (20)] [RUNS (3)]
# Needs: node, hyperfine. Builds the jar if missing. Creating the keys takes a while (one process each, in parallel).
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
keys=${1:-200}
latency=${2:-20}
runs=${3:-3}
jar="$root/target/apikey.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
work=$(mktemp -d)
fifo="$work/fake.out"
mkfifo "$fifo"
LATENCY_MS=$latency ADMIN=bench-admin node "$root/bench/fake-vault.mjs" > "$fifo" &
fake=$!
trap 'kill $fake 2>/dev/null; rm -rf "$work"' EXIT
read -r _ port < "$fifo"
base="http://127.0.0.1:$port"

export APIKEY_CONFIG_DIR="$work/config" APIKEY_BACKEND=file APIKEY_PASSPHRASE=bench APIKEY_ADMIN_ACME=bench-admin
apikey="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar $jar"
$apikey provider add acme --type http --file "$root/docs/examples/acme-vault.json" --base-url "$base" 2>/dev/null
# The first create makes the encrypted store; then the rest, two processes at a time. A 1-second max age
# makes every key due again by the next timed run.
$apikey -q create acme/key-0 --max-age 1s
seq 1 $((keys - 1)) | xargs -P 2 -I{} $apikey -q create acme/key-{} --max-age 1s
echo "created $keys keys; provider latency ${latency} ms per call" >&2

curl -s -X POST "$base/stats" > /dev/null
hyperfine --runs "$runs" --export-markdown "$work/rotate.md" --prepare 'sleep 1' \
  -n "apikey rotate --due ($keys keys, ${latency} ms per call)" "$apikey -q rotate --due"
stats=$(curl -s "$base/stats")
{
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)"
  echo
  cat "$work/rotate.md"
  echo
  echo "provider after the runs: $stats (maxInFlight = most calls at once)"
} | tee "${EXPORT:-/dev/null}"
