#!/bin/sh
# Start-up of the packaged distribution (jlink runtime + AOT cache, packaging/build.sh) beside the plain jar
# on the default JDK: --version, list over 1,000 keys, and get from the encrypted file store.
#   bench/packaged.sh      (run packaging/build.sh first)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
version=$(sed -n 's/^version=//p' "$root/target/classes/dev/apikey/version.properties")
packaged="$root/target/dist/apikey-$version-linux-x64/bin/apikey"
[ -x "$packaged" ] || { echo "run packaging/build.sh first" >&2; exit 1; }
jar="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar $root/target/apikey.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export APIKEY_CONFIG_DIR="$work" APIKEY_BACKEND=file APIKEY_PASSPHRASE=bench
$jar -q create local/bench
awk 'BEGIN { printf "{\"version\":1,\"keys\":["; for (i = 0; i < 1000; i++) { if (i) printf ",";
  printf "{\"ref\":\"local/key-%04d\",\"backend\":\"file\",\"origin\":\"created\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"hint\":\"ak_…%04d\"}", i, i }
  printf "]}\n" }' > "$work/many.json"
mkdir "$work/many" && cp "$work/many.json" "$work/many/keys.json"
hyperfine -N --warmup 3 --runs 20 --export-markdown "$work/out.md" \
  -n "jar (JDK $(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p')) --version" "$jar --version" \
  -n "packaged --version" "$packaged --version" \
  -n "jar list, 1,000 keys" "env APIKEY_CONFIG_DIR=$work/many $jar list" \
  -n "packaged list, 1,000 keys" "env APIKEY_CONFIG_DIR=$work/many $packaged list" \
  -n "jar get (file store)" "$jar get local/bench" \
  -n "packaged get (file store)" "$packaged get local/bench" >&2
echo "Machine: $(nproc) cores, $(date -u +%Y-%m-%d)"; echo; cat "$work/out.md"
