#!/bin/sh
# apikey, as installed by a package: the bundled Java runtime, the bundled jar, and the ahead-of-time
# caches made for this runtime and jar at build time. A missing or stale cache only costs start-up time.
self=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
home=$(CDPATH= cd -- "$(dirname -- "$self")/.." && pwd)
# C1 only and the serial GC start fastest for a process that lives well under a second. Native access
# for JNA (the keychain) and JLine (the terminal), which the JVM would otherwise warn about at each use.
# packaging/build.sh trains the AOT caches with these same flags.
jvm_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED"
# The JVM loads every class an AOT cache holds before apikey starts, needed or not: the commands that must
# start fastest have a cache trained on them alone (lib/aot/COMMAND.aot, `--version` in version.aot), the
# others share the one trained on all of them (full.aot). The command is the first word that is no option
# (nor the value of --backend or --config-dir). A wrong pick costs time, never a result.
cache=full
if [ $# = 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; }; then
  cache=version
else
  value=""
  for arg do
    if [ -n "$value" ]; then value=""; continue; fi
    case $arg in
      --backend|--config-dir) value=1 ;;
      -*) ;;
      *[!a-z]*) break ;;
      *) cache=$arg; break ;;
    esac
  done
fi
[ -f "$home/lib/aot/$cache.aot" ] || cache=full
aot=""
[ -f "$home/lib/aot/$cache.aot" ] && aot="-XX:AOTCache=$home/lib/aot/$cache.aot"
# Quoted: the installation's path may hold a space.
exec "$home/runtime/bin/java" $jvm_flags ${aot:+"$aot"} -Xlog:aot=off -Xlog:cds=off \
  ${APIKEY_JAVA_OPTS:-} -cp "$home/lib/apikey.jar" dev.apikey.Main "$@"
