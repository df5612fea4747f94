#!/bin/sh
# Ten `apikey import`s started together into one config directory with the file store (parallel CI
# jobs sharing a runner's config): the wall time of the whole batch, in one hyperfine run.
#   bench/parallel-import.sh [RUNS]        (RUNS defaults to 5; needs hyperfine: bench/setup)
# Each run starts from the same seeded store (one key already in secrets.enc), so every process opens an
# existing file: it derives the key from the passphrase (Argon2id) before it takes the directory lock.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-5}
jar="$root/target/apikey.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export APIKEY_BACKEND=file APIKEY_PASSPHRASE=bench-passphrase
mkdir -m 700 "$work/seed"
printf 'seed-secret-value-0123456789' | APIKEY_CONFIG_DIR="$work/seed" java -jar "$jar" --no-input import local/seed -q
cat > "$work/batch.sh" <<EOB
#!/bin/sh
for i in 0 1 2 3 4 5 6 7 8 9; do
  printf 'secret-value-%s-0123456789abcdef' "\$i" | APIKEY_CONFIG_DIR="$work/run" java -jar "$jar" --no-input import "local/job-\$i" -q &
done
wait
n=\$(APIKEY_CONFIG_DIR="$work/run" java -jar "$jar" list | wc -l)
[ "\$n" -eq 11 ] || { echo "bench: \$n keys listed, expected 11" >&2; exit 1; }
EOB
hyperfine --runs "$runs" --prepare "rm -rf '$work/run' && cp -a '$work/seed' '$work/run'" \
  -n "10 parallel imports, file store" "sh $work/batch.sh"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
