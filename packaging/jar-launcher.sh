#!/bin/sh
# apikey on the Java found on PATH (Java 17 or newer): the launcher of the jar distribution.
self=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
home=$(CDPATH= cd -- "$(dirname -- "$self")/.." && pwd)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  ${APIKEY_JAVA_OPTS:-} -jar "$home/lib/apikey.jar" "$@"
