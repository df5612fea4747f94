#!/bin/sh
# apikey on the Java found on PATH (Java 17 or newer): the launcher of the jar distribution.
#
# Start-up: apikey's classes are kept in class-data sharing archives in the user's cache directory
# ($XDG_CACHE_HOME/apikey, else ~/.cache/apikey), one set per Java and apikey installation: one trained on each
# command that must start fastest and one on all of them (lib/command-profile.sh says why). The first run
# without them starts the trainings in the background (the commands against a throwaway config, archived at
# exit) and goes on without; later runs map the archive of their command. An archive is only ever an
# optimisation: missing, stale, being written, unwritable or refused by the JVM, apikey runs the same, just
# slower. APIKEY_CDS=off turns them off.
self=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
home=$(CDPATH= cd -- "$(dirname -- "$self")/.." && pwd)
jar="$home/lib/apikey.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# C1 only and the serial GC start fastest for a process that lives well under a second. Native access
# for JNA (the keychain) and JLine (the terminal), which Java 22 and later would warn about at each use.
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED"

# True when both files have the same modification time: the archive is stamped with the jar's, its
# stamp with the Java runtime's, so replacing either (an upgrade, older or newer) invalidates it.
same_time() { [ -e "$1" ] && [ -e "$2" ] && ! [ "$1" -nt "$2" ] && ! [ "$1" -ot "$2" ]; }

# Makes the archives; run in the background, detached from the terminal and from every output. The one of
# every command (full) is made last: when it carries the jar's time, so do the others.
train() {
  mkdir -p "$dir" || return 0
  # One training at a time; a lock left by a killed one is taken over after ten minutes.
  if ! mkdir "$dir/training" 2>/dev/null; then
    [ -n "$(find "$dir/training" -prune -mmin +10 2>/dev/null)" ] || return 0
    touch "$dir/training" || return 0
  fi
  config="$dir/training/config"
  rm -rf "$config"
  status=0
  profiles=$("$java" -cp "$jar" dev.apikey.tools.AotTraining profiles) \
    && "$java" $flags -cp "$jar" dev.apikey.tools.AotTraining prepare "$config" || status=$?
  for trained in $(printf '%s\n' $profiles | grep -vx full) full; do
    [ "$status" = 0 ] || break
    tmp="$dir/$trained.jsa.$$"
    "$java" $flags -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$jar" dev.apikey.tools.AotTraining "$trained" "$config"
    status=$?
    if [ "$status" = 0 ] && [ -s "$tmp" ]; then
      touch -r "$jar" "$tmp" && mv -f "$tmp" "$dir/$trained.jsa" || status=1
    elif [ "$status" = 0 ]; then
      status=1
    fi
    rm -f "$tmp"
  done
  if [ "$status" = 0 ]; then
    touch -r "$modules" "$dir/java.stamp"
  elif [ "$status" -lt 128 ]; then
    # This Java cannot make them (no base archive, an old JVM): do not try again for this jar.
    # (Killed by a signal, it tries again next time.)
    : > "$dir/failed" && touch -r "$jar" "$dir/failed"
  fi
  rm -rf "$config"
  rm -f "$dir/apikey.jsa"  # the single archive of releases before the per-command ones
  rmdir "$dir/training"
}

cds=""
if [ "${APIKEY_CDS:-on}" != off ] && real=$(readlink -f "$(command -v "$java")" 2>/dev/null) && [ -n "$real" ]; then
  runtime=${real%/bin/java}
  modules="$runtime/lib/modules"
  cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}
  dir="$cache/apikey/cds$runtime$home"
  if same_time "$jar" "$dir/full.jsa" && same_time "$modules" "$dir/java.stamp"; then
    . "$home/lib/command-profile.sh"
    pick_profile "$@"
    same_time "$jar" "$dir/$profile.jsa" || profile=full
    cds="-XX:SharedArchiveFile=$dir/$profile.jsa"
  elif [ -f "$modules" ] && ! same_time "$jar" "$dir/failed"; then
    (train) </dev/null >/dev/null 2>&1 &
  fi
fi
# -cp and the main class rather than -jar: -jar makes the JVM open and index the whole jar to read its manifest,
# which the archive (it holds the classes, and the manifest their packages need) otherwise spares every start.
# The archive's option quoted: the installation's and the cache's paths may hold a space.
exec "$java" $flags ${cds:+"$cds" -Xlog:cds=off -Xlog:cds+dynamic=off} ${APIKEY_JAVA_OPTS:-} -cp "$jar" dev.apikey.Main "$@"
