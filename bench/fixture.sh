# Shared by the start-up benchmarks (sourced, not run): the 99-key index and the loopback HTTP server.

# Writes an index of $2 local keys (default 99: with the one a benchmark makes, 100) held by the backend $3
# (default file) into the config directory $1; written directly, as that many `apikey import` runs take minutes.
write_index() {
  mkdir -p "$1"
  chmod 700 "$1"
  awk -v n="${2:-99}" -v backend="${3:-file}" 'BEGIN {
    printf "{\"version\":1,\"keys\":["
    for (i = 0; i < n; i++) {
      if (i) printf ","
      printf "{\"ref\":\"local/key-%04d\",\"id\":\"lk_%04d\",\"backend\":\"%s\",\"origin\":\"created\",", i, i, backend
      printf "\"createdAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2027-01-01T00:00:00Z\",\"hint\":\"ak_…%04d\"}", i
    }
    printf "]}\n"
  }' > "$1/keys.json"
}

# Starts a loopback HTTP server with a small JSON body on a port the OS picks, under the work directory $1;
# sets $server (its pid), $port and $url. The caller stops it (kill "$server").
start_http_server() {
  mkdir -p "$1/www"
  printf '{"ok":true}\n' > "$1/www/ping.json"
  /usr/bin/python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1/www" > "$1/http.log" 2>&1 &
  server=$!
  i=0
  until port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$1/http.log") && [ -n "$port" ]; do
    i=$((i + 1)); [ "$i" -le 100 ] || { echo "bench: the HTTP server did not start" >&2; kill "$server"; exit 1; }
    sleep 0.1
  done
  url="http://127.0.0.1:$port/ping.json"
}

# Lines for a generated benchmark script that add to hyperfine's arguments ("$@") the start-up commands every
# start-up benchmark times, named "$1 --version", "$1 list", "$1 exec -- true", "$1 get" and "$1 request", for the
# build run by the command line $2 (with no single quote in it). Needs $port and $url (start_http_server) and, in
# the config directory, local/bench in the keychain; local/req's secret comes from APIKEY_SECRET_LOCAL_REQ.
startup_runs() {
  for run in "--version|--version" "list|list" "exec -- true|exec local/req -- true" "get|get local/bench" \
      "request|request local/req --allow-host 127.0.0.1:$port $url"; do
    printf "set -- \"\$@\" -n '%s' '%s'\n" "$1 ${run%%|*}" "$2 ${run#*|}"
  done
}
