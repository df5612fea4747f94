#!/bin/sh
# Start-up and keychain benchmarks of the foundation commands, beside peers on the same machine.
#   bench/foundation.sh [--export results.md]
# Needs: hyperfine, dbus, gnome-keyring, libsecret-tools, python3-keyring (apt; Debian's /usr/bin/python3);
# builds the jar if missing.
# Runs the keychain part inside a private D-Bus session with an unlocked gnome-keyring, under a temporary HOME.
set -eu
. "$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)/fixture.sh"
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
jar="$root/target/apikey.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
export="${2:-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
export APIKEY_CONFIG_DIR="$work/config"
mkdir -p "$APIKEY_CONFIG_DIR"

write_index "$APIKEY_CONFIG_DIR" 1000 keychain

hyperfine --warmup 3 --runs 20 -N --export-markdown "$work/startup.md" \
  -n "apikey --version (java -jar)" "java -jar $jar --version" \
  -n "apikey --version (bin/apikey flags)" "java $flags -jar $jar --version" \
  -n "apikey list, 1,000 keys" "java $flags -jar $jar list" \
  -n "apikey list --json, 1,000 keys" "java $flags -jar $jar list --json"

cat > "$work/keychain.sh" <<EOS
set -eu
export HOME="$work/home"
mkdir -p "\$HOME"
echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
export APIKEY_CONFIG_DIR="$work/kc"
java $flags -jar $jar create local/bench >/dev/null 2>&1
hyperfine --warmup 3 --runs 20 -N --export-markdown "$work/keychain.md" \
  -n "apikey get (keychain)" "java $flags -jar $jar get local/bench" \
  -n "secret-tool lookup" "secret-tool lookup service apikey account local/bench" \
  -n "python3 keyring get" "/usr/bin/python3 -c 'import keyring; keyring.get_password(\"apikey\", \"local/bench\")'"
EOS
dbus-run-session -- sh "$work/keychain.sh"

{
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
  echo
  cat "$work/startup.md"
  echo
  cat "$work/keychain.md"
} | tee "${export:-/dev/null}"
