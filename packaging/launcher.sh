#!/bin/sh
# apikey, as installed by a package: the bundled Java runtime, the bundled jar, and the ahead-of-time
# cache made for this runtime and jar at build time. A missing or stale cache only costs start-up time.
self=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
home=$(CDPATH= cd -- "$(dirname -- "$self")/.." && pwd)
# C1 only and the serial GC start fastest for a process that lives well under a second. Native access
# for JNA (the keychain) and JLine (the terminal), which the JVM would otherwise warn about at each use.
# packaging/build.sh trains the AOT cache with these same flags.
jvm_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED"
aot=""
[ -f "$home/lib/apikey.aot" ] && aot="-XX:AOTCache=$home/lib/apikey.aot"
exec "$home/runtime/bin/java" $jvm_flags $aot -Xlog:aot=off -Xlog:cds=off \
  ${APIKEY_JAVA_OPTS:-} -cp "$home/lib/apikey.jar" dev.apikey.Main "$@"
