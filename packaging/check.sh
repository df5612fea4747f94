#!/bin/sh
# Checks the distributions packaging/build.sh made in target/dist: the self-contained tree runs with no Java
# on PATH, its AOT caches are used, the .deb and .rpm hold the launcher, completions and man pages where the
# system looks for them, and the jar distribution runs on the Java on PATH.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
dist="$root/target/dist"
version=$(sed -n 's/^version=//p' "$root/target/classes/dev/apikey/version.properties")
tree="$dist/apikey-$version-linux-x64"
fail() { echo "packaging check failed: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A PATH with the few tools the launcher uses, and no java.
mkdir "$work/bin"
for t in sh readlink dirname true; do ln -s "$(command -v $t)" "$work/bin/$t"; done
out=$(env -i PATH="$work/bin" HOME="$work" "$tree/bin/apikey" --version) || fail "the bundled runtime does not start"
[ "$out" = "apikey $version" ] || fail "unexpected version: $out"
# The demo path, end to end, on the bundled runtime: create, exec, forget with the file store.
env -i PATH="$work/bin" HOME="$work" APIKEY_CONFIG_DIR="$work/cfg" APIKEY_BACKEND=file APIKEY_PASSPHRASE=check \
  "$tree/bin/apikey" -q create local/check >/dev/null || fail "create with the bundled runtime"
got=$(env -i PATH="$work/bin" HOME="$work" APIKEY_CONFIG_DIR="$work/cfg" APIKEY_PASSPHRASE=check \
  "$tree/bin/apikey" exec local/check -- sh -c 'printf %s "${#CHECK_API_KEY}"') || fail "exec with the bundled runtime"
[ "$got" = 46 ] || fail "exec passed a ${got}-character key"
# The AOT caches map with the launcher's own flags: with -XX:AOTMode=on the JVM refuses to start when it
# cannot (a cache made with other flags, for another jar or runtime, would otherwise be skipped silently).
profiles=$("$tree/runtime/bin/java" -cp "$tree/lib/apikey.jar" dev.apikey.tools.AotTraining profiles)
for profile in $profiles; do
  [ -s "$tree/lib/aot/$profile.aot" ] || fail "no AOT cache for $profile"
done
# logged_run AOTMODE LOG ARG...: apikey on the bundled runtime, the demo's keys at hand, its class loads in LOG.
logged_run() {
  mode=$1 log=$2
  shift 2
  env -i PATH="$work/bin" HOME="$work" APIKEY_CONFIG_DIR="$work/cfg" APIKEY_PASSPHRASE=check \
    APIKEY_JAVA_OPTS="-XX:AOTMode=$mode -Xlog:class+load=info:file=$log" "$tree/bin/apikey" "$@" >/dev/null
}
aot_run() { logged_run on "$work/aot-classes.log" "$@"; }
from_cache() { grep -q "] $1 source: shared objects file" "$work/aot-classes.log"; }
# Each command's own cache, told from the full one by what it does not hold.
aot_run --version || fail "the AOT cache of --version does not map with the launcher's flags"
! from_cache dev.apikey.cli.ListCommand || fail "--version starts with a cache that holds list: not its own"
aot_run provider list || fail "the AOT cache of every other command does not map with the launcher's flags"
from_cache dev.apikey.cli.ProviderCommand || fail "provider list does not start from the full AOT cache"
aot_run exec local/check -- sh -c : || fail "exec with its AOT cache"
from_cache dev.apikey.cli.ExecCommand || fail "exec does not start from its AOT cache"
! from_cache dev.apikey.cli.RotateCommand || fail "exec starts with a cache that holds rotate: not its own"
# ... and not only for the JDK's classes (a cache made for another jar maps, but only for those): apikey's,
# picocli's (compiled from source so that it can be archived) and Jackson's come from it. The cache is list's
# own, also after a global option: it holds no HTTP client, which list does not use.
aot_run -q list --json || fail "list with its AOT cache"
for c in dev.apikey.Main dev.apikey.term.SystemTerminal dev.apikey.cli.ListCommand picocli.CommandLine \
    com.fasterxml.jackson.core.JsonFactory; do
  from_cache $c || fail "$c is not loaded from the AOT cache"
done
! grep -q "] okhttp3\." "$work/aot-classes.log" || fail "list starts with a cache that holds OkHttp: not its own"
# Where the build had a keychain to train on (D-Bus and gnome-keyring), `get` from the keychain finds
# java-keyring and dbus-java in the cache too: checked the same way, on a throwaway keyring.
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  mkdir "$work/kc"
  env -i PATH="$PATH" HOME="$work/kc" APIKEY_CONFIG_DIR="$work/kc/cfg" TREE="$tree" LOG="$work/kc-classes.log" \
    dbus-run-session -- sh -c 'printf check | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
      "$TREE/bin/apikey" -q create local/kc --backend keychain >/dev/null &&
      APIKEY_JAVA_OPTS="-XX:AOTMode=on -Xlog:class+load=info:file=$LOG" "$TREE/bin/apikey" get local/kc >/dev/null' \
    2>"$work/kc.err" || fail "get from a keychain with the AOT cache: $(cat "$work/kc.err")"
  for c in com.github.javakeyring.Keyring org.freedesktop.dbus.connections.impl.DBusConnection; do
    grep -q "] $c source: shared objects file" "$work/kc-classes.log" || fail "$c is not loaded from the AOT cache"
  done
fi
# What the JVM does lazily, seen with the cache off (a cache loads every class it holds at start, used or not).
# From JDK 21 on, System.exit looks for a logging back end on the class path, which opens and indexes the whole
# jar: a command that ends with 0 returns from main instead, and one that fails still exits (and is seen doing
# the lookup, so the check can fail). No command sets up Bouncy Castle's JCA provider, which Java instantiates,
# every algorithm, whenever it lists the security providers (as OkHttp does before its first call) and finds it
# registered as a service.
lazy_run() { logged_run off "$work/lazy-classes.log" "$@" 2>"$work/lazy.err"; }
loaded() { grep -qF "] $1 source:" "$work/lazy-classes.log"; }
exit_lookup='jdk.internal.logger.BootstrapLogger$DetectBackend'
for cmd in --version list; do
  lazy_run $cmd || fail "$cmd without the AOT cache: $(cat "$work/lazy.err")"
  ! loaded "$exit_lookup" || fail "$cmd ended through System.exit's lookup of a logger"
done
status=0
lazy_run get local/absent || status=$?
[ "$status" = 3 ] || fail "get of a missing key exited $status, not 3 (not found): $(cat "$work/lazy.err")"
loaded "$exit_lookup" || fail "a failing command is not seen looking up System.exit's logger: the check sees nothing"
# Port 9 (discard) on loopback: refused, or answered; either way OkHttp has started its call.
lazy_run request local/check --allow-host 127.0.0.1:9 http://127.0.0.1:9/ || true
loaded okhttp3.OkHttpClient || fail "request did not get to OkHttp: $(cat "$work/lazy.err")"
! loaded org.bouncycastle.jce.provider.BouncyCastleProvider || fail "request set up Bouncy Castle's JCA provider"
# Installed under a path with a space, as a user's may be (hard links: no copy of the tree).
spaced="$dist/with space"
rm -rf "$spaced" && mkdir "$spaced" && cp -al "$tree" "$spaced/"
out=$(env -i PATH="$work/bin" HOME="$work" APIKEY_JAVA_OPTS=-XX:AOTMode=on "$spaced/$(basename "$tree")/bin/apikey" --version) \
  || fail "the bundled runtime under a path with a space"
[ "$out" = "apikey $version" ] || fail "under a path with a space: $out"
rm -rf "$spaced"
# The runtime has its own class-data sharing archive, for runs without the cache.
"$tree/runtime/bin/java" -Xshare:on -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version >/dev/null 2>&1 \
  || fail "the bundled runtime has no CDS archive"
# Nothing but apikey's own output: no JVM warnings, also where JNA (looking for a keychain, none here) and
# JLine (on a terminal) load native code.
err=$(env -i PATH="$work/bin" HOME="$work" APIKEY_CONFIG_DIR="$work/nokeychain" \
  "$tree/bin/apikey" create local/nokeychain --backend keychain 2>&1 >/dev/null) && fail "create without a keychain succeeded"
[ -z "$(printf '%s\n' "$err" | grep -v -e '^apikey: ' -e '^hint: ')" ] || fail "a headless run printed more than apikey's error: $err"
if command -v script >/dev/null 2>&1; then
  screen=$(APIKEY_CONFIG_DIR="$work/cfg" APIKEY_PASSPHRASE=check script -qec "'$tree/bin/apikey' list" /dev/null) \
    || fail "list on a terminal: $screen"
  case $screen in *WARNING*|*warning*) fail "a run on a terminal printed JVM warnings: $screen" ;; esac
  case $screen in *local/check*) ;; *) fail "list on a terminal: $screen" ;; esac
fi

deb="$dist/apikey_${version}_amd64.deb"
dpkg-deb -c "$deb" > "$work/deb.txt"
for f in ./opt/apikey/bin/apikey ./opt/apikey/lib/apikey.jar ./opt/apikey/lib/aot/full.aot ./opt/apikey/lib/aot/list.aot ./usr/bin/apikey \
         ./usr/share/bash-completion/completions/apikey ./usr/share/zsh/vendor-completions/_apikey \
         ./usr/share/fish/vendor_completions.d/apikey.fish ./usr/share/man/man1/apikey.1.gz; do
  grep -q " $f" "$work/deb.txt" || fail "$deb lacks $f"
done
dpkg-deb -x "$deb" "$work/deb"
out=$(env -i PATH="$work/bin" "$work/deb/opt/apikey/bin/apikey" --version) || fail "the .deb's launcher"
[ "$out" = "apikey $version" ] || fail "the .deb's launcher: $out"

rpm=$(ls "$dist"/apikey-"$version"-1.*.rpm 2>/dev/null || true)
if [ -n "$rpm" ]; then
  rpm -qpl "$rpm" > "$work/rpm.txt" 2>/dev/null
  for f in /opt/apikey/bin/apikey /usr/bin/apikey /usr/share/bash-completion/completions/apikey \
           /usr/share/fish/vendor_completions.d/apikey.fish; do
    grep -qx "$f" "$work/rpm.txt" || fail "$rpm lacks $f"
  done
fi

# Unpacked, and its archive kept, under paths with a space, as a user's may be.
mkdir "$work/with space"
tar -xzf "$dist/apikey-$version.tar.gz" -C "$work/with space"
jardist="$work/with space/apikey-$version"
out=$("$jardist/bin/apikey" --version) || fail "the jar distribution"
[ "$out" = "apikey $version" ] || fail "the jar distribution: $out"
# Its class-data sharing archives: made in the background after a first run that stays quiet, then mapped
# (-Xshare:on fails when one cannot be), each command's own where it has one, remade when the jar changes, and
# never a failure.
archive_for() { find "$work/cache dir" -name full.jsa 2>/dev/null; }  # made last: the set is complete
same_time() { [ -e "$1" ] && [ -e "$2" ] && ! [ "$1" -nt "$2" ] && ! [ "$1" -ot "$2" ]; }
wait_for_archive() {  # until the set carries the jar's time and its training has ended, at most three minutes
  i=0
  until a=$(archive_for) && [ -n "$a" ] && same_time "$jardist/lib/apikey.jar" "$a" && [ ! -d "${a%/*}/training" ]; do
    i=$((i + 1)); [ "$i" -le 360 ] || fail "no CDS archives for the jar distribution after three minutes"
    sleep 0.5
  done
}
jar_run() { XDG_CACHE_HOME="$work/cache dir" APIKEY_CONFIG_DIR="$work/jar-config" "$jardist/bin/apikey" "$@"; }
out=$(jar_run --version 2>"$work/jar.err") && [ "$out" = "apikey $version" ] && [ ! -s "$work/jar.err" ] \
  || fail "the jar distribution's first run: $out $(cat "$work/jar.err")"
wait_for_archive
maps() {  # maps PROFILE ARG...: the run maps PROFILE's archive
  profile=$1; shift
  out=$(APIKEY_JAVA_OPTS="-Xshare:on -Xlog:cds=info" jar_run "$@" 2>&1) || fail "the CDS archive does not map: $out"
  printf '%s\n' "$out" | grep -q "Opened archive .*/$profile\.jsa\.$" || fail "apikey $* does not start from $profile.jsa: $out"
}
maps version --version
maps list list
maps list -q list --json
maps full provider list
touch -d '2001-01-01 00:00:00' "$jardist/lib/apikey.jar"  # an upgrade, older or not, is a different jar
out=$(jar_run --version 2>&1) && [ "$out" = "apikey $version" ] || fail "a run with a stale archive: $out"
wait_for_archive
full=$(archive_for)
for a in "$full" "${full%/*}/version.jsa"; do
  printf 'not an archive' > "$a" && touch -r "$jardist/lib/apikey.jar" "$a"
done
out=$(jar_run --version 2>&1) && [ "$out" = "apikey $version" ] || fail "a run with a corrupt archive: $out"
out=$(jar_run list 2>&1) || fail "list with a corrupt archive: $out"
out=$(XDG_CACHE_HOME=/proc/apikey-nowhere "$jardist/bin/apikey" --version 2>&1) && [ "$out" = "apikey $version" ] \
  || fail "a run with an unwritable cache directory: $out"
sha=$(sha256sum "$dist/apikey-$version.tar.gz" | cut -d' ' -f1)
grep -q "$sha" "$dist/apikey.rb" || fail "the Homebrew formula names another archive"
grep -q "$(sha256sum "$dist/apikey-$version.zip" | cut -d' ' -f1)" "$dist/apikey.json" || fail "the Scoop manifest names another archive"
echo "packaging check passed: $(ls "$dist" | tr '\n' ' ')"
