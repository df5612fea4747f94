#!/bin/sh
# Trains the packaged runtime's AOT caches into TREE/lib/aot (packaging/launcher.sh says why there are several):
# `prepare` makes the keys the trainings use, in a throwaway config directory and untrained, then each profile
# of dev.apikey.tools.AotTraining is trained into lib/aot/PROFILE.aot. A cache must be made by the runtime that
# uses it, with the class path and the JVM flags it is used with: the launcher's, given after TREE.
# Usage: packaging/train-aot.sh TREE JVM_FLAG...   (run by packaging/build.sh)
set -eu
tree=$1
shift
java="$tree/runtime/bin/java"
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
mkdir -p "$tree/lib/aot"
"$java" "$@" -Xlog:aot=off -Xlog:cds=off -cp "$tree/lib/apikey.jar" dev.apikey.tools.AotTraining prepare "$training/config" \
  </dev/null >"$training/prepare.log" 2>&1 || { cat "$training/prepare.log" >&2; exit 1; }
# The trainings run apikey on the real standard streams, as users do; what it prints there is of no interest
# unless a training fails.
profiles=$("$java" -cp "$tree/lib/apikey.jar" dev.apikey.tools.AotTraining profiles)  # on its own: set -e sees it fail
for profile in $profiles; do
  "$java" "$@" -XX:AOTCacheOutput="$tree/lib/aot/$profile.aot" -Xlog:aot=error -cp "$tree/lib/apikey.jar" \
    dev.apikey.tools.AotTraining "$profile" "$training/config" </dev/null >"$training/$profile.log" 2>&1 \
    || { cat "$training/$profile.log" >&2; echo "train-aot: the $profile training failed" >&2; exit 1; }
done
