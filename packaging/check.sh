#!/bin/sh
# Checks the distributions packaging/build.sh made in target/dist: the self-contained tree runs with no Java
# on PATH, its AOT cache is used, the .deb and .rpm hold the launcher, completions and man pages where the
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
# The AOT cache loads (it would be silently skipped if it did not match the runtime and jar).
"$tree/runtime/bin/java" -XX:AOTCache="$tree/lib/apikey.aot" -XX:+AOTClassLinking -Xlog:aot=info \
  -cp "$tree/lib/apikey.jar" dev.apikey.Main --version 2>&1 | grep -q "Opened AOT cache" || fail "the AOT cache is not used"

deb="$dist/apikey_${version}_amd64.deb"
dpkg-deb -c "$deb" > "$work/deb.txt"
for f in ./opt/apikey/bin/apikey ./opt/apikey/lib/apikey.jar ./opt/apikey/lib/apikey.aot ./usr/bin/apikey \
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

tar -xzf "$dist/apikey-$version.tar.gz" -C "$work"
out=$("$work/apikey-$version/bin/apikey" --version) || fail "the jar distribution"
[ "$out" = "apikey $version" ] || fail "the jar distribution: $out"
sha=$(sha256sum "$dist/apikey-$version.tar.gz" | cut -d' ' -f1)
grep -q "$sha" "$dist/apikey.rb" || fail "the Homebrew formula names another archive"
grep -q "$(sha256sum "$dist/apikey-$version.zip" | cut -d' ' -f1)" "$dist/apikey.json" || fail "the Scoop manifest names another archive"
echo "packaging check passed: $(ls "$dist" | tr '\n' ' ')"
