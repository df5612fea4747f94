#!/bin/sh
# Time one ref completion (apikey get <partial ref> TAB) in bash with 1,000 keys in the name cache.
# Prints hyperfine's table for a fresh bash per completion, and the cost of one TAB inside a running
# bash (what a user feels), averaged over many presses.
# Usage: bench/completion.sh        (needs bash, hyperfine; run from anywhere)
set -e
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
script="$root/completions/apikey.bash"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1,000 keys over 10 providers, as apikey writes the cache.
i=0
while [ $i -lt 10 ]; do echo "provider team$i"; i=$((i + 1)); done >"$work/names.cache"
i=0
while [ $i -lt 1000 ]; do echo "key team$((i % 10))/service-$i"; i=$((i + 1)); done >>"$work/names.cache"
export APIKEY_CONFIG_DIR="$work"

complete_once='COMP_WORDS=(apikey get team3/service-1); COMP_CWORD=2; _apikey'
check=$(bash --norc --noprofile -c ". '$script'; $complete_once; echo \${#COMPREPLY[@]}")
[ "$check" = 11 ] || { echo "bench: expected 11 candidates, got '$check'" >&2; exit 1; }

echo "## one TAB inside a running bash (mean of 500)"
bash --norc --noprofile -c ". '$script'
start=\$EPOCHREALTIME
for ((n = 0; n < 500; n++)); do $complete_once; done
end=\$EPOCHREALTIME
awk -v s=\"\$start\" -v e=\"\$end\" 'BEGIN { printf \"ref completion, 1,000 keys: %.2f ms per TAB\\n\", (e - s) * 1000 / 500 }'
start=\$EPOCHREALTIME
for ((n = 0; n < 500; n++)); do COMP_WORDS=(apikey cr); COMP_CWORD=1; _apikey; done
end=\$EPOCHREALTIME
awk -v s=\"\$start\" -v e=\"\$end\" 'BEGIN { printf \"subcommand completion: %.2f ms per TAB\\n\", (e - s) * 1000 / 500 }'"

echo
echo "## a fresh bash per completion (includes starting bash and loading the script)"
hyperfine -N --warmup 5 --runs 100 --export-markdown "$work/hyperfine.md" \
    -n 'bash start only' "bash --norc --noprofile -c :" \
    -n 'bash + load script' "bash --norc --noprofile -c \". '$script'\"" \
    -n 'bash + load + ref completion (1,000 keys)' "bash --norc --noprofile -c \". '$script'; $complete_once\"" >&2
cat "$work/hyperfine.md"
