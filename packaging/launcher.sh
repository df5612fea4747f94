#!/bin/sh
# apikey, as installed by a package: the bundled Java runtime, the bundled jar, and the ahead-of-time
# caches made for this runtime and jar at build time. A missing or stale cache only costs start-up time.
self=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
home=$(CDPATH= cd -- "$(dirname -- "$self")/.." && pwd)
# C1 only and the serial GC start fastest for a process that lives well under a second. Native access
# for JNA (the keychain) and JLine (the terminal), which the JVM would otherwise warn about at each use.
# packaging/build.sh trains the AOT caches with these same flags.
jvm_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED"
. "$home/lib/command-profile.sh"
pick_profile "$@"
[ -f "$home/lib/aot/$profile.aot" ] || profile=full
aot=""
[ -f "$home/lib/aot/$profile.aot" ] && aot="-XX:AOTCache=$home/lib/aot/$profile.aot"
# Quoted: the installation's path may hold a space.
exec "$home/runtime/bin/java" $jvm_flags ${aot:+"$aot"} -Xlog:aot=off -Xlog:cds=off \
  ${APIKEY_JAVA_OPTS:-} -cp "$home/lib/apikey.jar" dev.apikey.Main "$@"
