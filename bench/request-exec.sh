#!/bin/sh
# Times 'apikey request' beside curl and HTTPie sending the same header to a local server, and
# 'apikey exec -- true' beside 'true', with hyperfine. Prints a Markdown table on stdout.
#
#   bench/request-exec.sh [RUNS]       (needs hyperfine, curl, python3; HTTPie if installed)
#
# apikey runs from target/apikey.jar with the flags bin/apikey uses. Its secret comes from
# APIKEY_SECRET_LOCAL_BENCH (the CI path, no store) and, separately, from the encrypted file store.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-30}
jar="$root/target/apikey.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
for tool in hyperfine curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A small local server answering every GET with a short JSON body; it picks a free port.
cat > "$work/server.py" <<'PY'
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b'{"ok":true}\n'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
server.serve_forever()
PY
python3 "$work/server.py" > "$work/port" &
server_pid=$!
while [ ! -s "$work/port" ]; do sleep 0.05; done
url="http://127.0.0.1:$(cat "$work/port")/v1/ping"

java_cmd="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar $jar"
export APIKEY_CONFIG_DIR="$work/config"
secret="ak_benchmarkSecret0123456789abcdefghijklmnopq"
export APIKEY_SECRET_LOCAL_BENCH="$secret"
# The same key in the encrypted file store, for the stored-key runs.
printf %s "$secret" | APIKEY_BACKEND=file APIKEY_PASSPHRASE=bench $java_cmd import local/stored -q

set -- \
  -n curl "curl -sS -o /dev/null -H 'Authorization: Bearer $secret' $url"
if command -v http >/dev/null; then
  set -- "$@" -n httpie "http --ignore-stdin -b GET $url 'Authorization:Bearer $secret' >/dev/null"
fi
set -- "$@" \
  -n "apikey request (APIKEY_SECRET_*)" "$java_cmd request local/bench $url --allow-host 127.0.0.1 >/dev/null" \
  -n "apikey request (file store)" "APIKEY_PASSPHRASE=bench $java_cmd request local/stored $url --allow-host 127.0.0.1 >/dev/null" \
  -n "true" "true" \
  -n "apikey exec -- true (APIKEY_SECRET_*)" "$java_cmd exec local/bench -- true"

hyperfine --style none --warmup 3 --runs "$runs" --export-json "$work/results.json" "$@" >&2

python3 - "$work/results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
curl = next(r["median"] for r in results if r["command"] == "curl")
print("| command | median | mean ± σ | × curl |")
print("|---|---|---|---|")
for r in results:
    print(f"| {r['command']} | {r['median']*1000:.0f} ms | {r['mean']*1000:.0f} ± {r['stddev']*1000:.0f} ms | {r['median']/curl:.1f} |")
PY
