#!/bin/sh
# Benchmarks 'apikey list PROVIDER --remote' over many remote keys in 100-key pages from a local fake of OpenAI's
# admin key API: wall time (hyperfine) and peak RSS (GNU time), for 1,000, 10,000 and 100,000 keys, with --json
# and with the plain (off-terminal) listing, and once more with the heap capped at 16 MB (the listing streams, so
# it still completes). Needs node, hyperfine and /usr/bin/time; builds the jar if needed.
#   bench/list-remote.sh            # results on stdout, as Markdown table rows
set -e
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
work=$(mktemp -d)
fake_pid=""
cleanup() {
  [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

[ -f "$root/target/apikey.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
export APIKEY_CONFIG_DIR="$work/config" APIKEY_ADMIN_BENCH=sk-admin-bench-credential APIKEY_BACKEND=env
apikey="$root/bin/apikey"

echo "| keys | output | wall time (mean ± σ) | peak RSS |"
echo "|---|---|---|---|"
for keys in 1000 10000 100000; do
  KEYS=$keys node "$root/bench/fake-openai.mjs" > "$work/fake.out" &
  fake_pid=$!
  while ! grep -q listening "$work/fake.out" 2>/dev/null; do sleep 0.1; done
  port=$(sed -n 's/^listening //p' "$work/fake.out")
  rm -rf "$APIKEY_CONFIG_DIR"
  "$apikey" -q provider add bench --type openai --base-url "http://127.0.0.1:$port/v1"
  for output in --json plain capped; do
    flag=$([ "$output" = plain ] && echo "" || echo "--json")
    heap=$([ "$output" = capped ] && echo "-Xmx16m" || echo "")
    [ "$output" = capped ] && [ "$keys" != 100000 ] && continue
    label=$([ "$output" = capped ] && echo "--json, heap capped at 16 MB" || echo "$output")
    rows=$("$apikey" list bench --remote | wc -l)
    APIKEY_JAVA_OPTS="$heap" hyperfine -N --warmup 1 --runs 5 --export-json "$work/h.json" \
      "$apikey list bench --remote $flag" --output=null >/dev/null 2>&1
    wall=$(node -e 'const r=require(process.argv[1]).results[0];
      console.log((r.mean*1000).toFixed(0)+" ms ± "+(r.stddev*1000).toFixed(0)+" ms")' "$work/h.json")
    rss=$(APIKEY_JAVA_OPTS="$heap" /usr/bin/time -f %M "$apikey" list bench --remote $flag 2>&1 >/dev/null | tail -1)
    echo "| $keys ($rows listed) | $label | $wall | $((rss / 1024)) MB |"
  done
  kill "$fake_pid"; wait "$fake_pid" 2>/dev/null || true; fake_pid=""
done
