#!/bin/sh
# Builds apikey's distributions into target/dist:
#   apikey-VERSION-linux-x64.tar.gz  self-contained: a jlink runtime (JDK 25), the jar, AOT caches trained
#                                    on the common commands, a launcher, completions and man pages
#   apikey_VERSION_amd64.deb         that tree in /opt/apikey, /usr/bin/apikey, completions, man pages
#   apikey-VERSION-1.x86_64.rpm      the same, as an RPM (when rpmbuild is installed)
#   apikey-VERSION.tar.gz            the jar distribution for any OS with Java 17+ (sh and .cmd launchers)
#   apikey.rb, apikey.json           a Homebrew formula and a Scoop manifest for the jar distribution
# Needs: Maven, a JDK 25 with jlink (JAVA25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64), dpkg-deb;
# rpmbuild optional. RELEASE_URL is where the archives will be downloaded from (default: target/dist itself),
# HOMEPAGE_URL the project page named by the formula and manifest (default: RELEASE_URL).
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
java25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B -Dstyle.color=never -DskipTests package
version=$(sed -n 's/^version=//p' target/classes/dev/apikey/version.properties)
dist="$root/target/dist"
release_url=${RELEASE_URL:-file://$dist}
homepage=${HOMEPAGE_URL:-$release_url}
rm -rf "$dist"
mkdir -p "$dist"

# --- the self-contained Linux tree ------------------------------------------------------------------
name="apikey-$version-linux-x64"
tree="$dist/$name"
mkdir -p "$tree/bin" "$tree/lib" "$tree/share/man/man1" "$tree/share/completions"
# Modules: what jdeps finds (java.desktop is only referenced by unused code paths of dependencies),
# plus java.naming for DNS and jdk.crypto.cryptoki for TLS providers.
modules=java.base,java.logging,java.management,java.naming,java.sql,jdk.crypto.cryptoki,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs
# Uncompressed, and with the JDK's own class-data sharing archive: a compressed image without one starts
# a hello world in 115 ms, against 49 ms for the stock JDK.
"$java25/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$tree/runtime"
cp target/apikey.jar "$tree/lib/apikey.jar"
cp packaging/launcher.sh "$tree/bin/apikey"
cp packaging/command-profile.sh "$tree/lib/"
chmod 755 "$tree/bin/apikey"
cp target/man/*.1 "$tree/share/man/man1/"
cp completions/* "$tree/share/completions/"
set -- sh packaging/train-aot.sh "$tree" $(sed -n 's/^jvm_flags="\(.*\)"$/\1/p' packaging/launcher.sh)
# With D-Bus and gnome-keyring at hand (bin/setup installs them), the trainings also read and write a keychain:
# a throwaway keyring on a private session bus, under a throwaway HOME, so that a `get` from the keychain starts
# with java-keyring and dbus-java in its cache. Without them the caches cover every other path.
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  keyring_home=$(mktemp -d)
  HOME="$keyring_home" APIKEY_TRAINING_PRIVATE_KEYCHAIN=1 dbus-run-session -- sh -c \
    'printf training | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
  rm -rf "$keyring_home"
else
  "$@"
fi
"$tree/bin/apikey" --version
(cd "$dist" && tar -czf "$name.tar.gz" "$name")

# --- .deb -------------------------------------------------------------------------------------------
staging="$dist/deb"
mkdir -p "$staging/DEBIAN" "$staging/opt" "$staging/usr/bin" "$staging/usr/share/man/man1" \
  "$staging/usr/share/bash-completion/completions" "$staging/usr/share/zsh/vendor-completions" \
  "$staging/usr/share/fish/vendor_completions.d"
cp -a "$tree" "$staging/opt/apikey"
rm -rf "$staging/opt/apikey/share"
ln -s /opt/apikey/bin/apikey "$staging/usr/bin/apikey"
cp "$tree/share/man/man1/"*.1 "$staging/usr/share/man/man1/"
gzip -9n "$staging/usr/share/man/man1/"*.1
cp completions/apikey.bash "$staging/usr/share/bash-completion/completions/apikey"
cp completions/_apikey "$staging/usr/share/zsh/vendor-completions/_apikey"
cp completions/apikey.fish "$staging/usr/share/fish/vendor_completions.d/apikey.fish"
cat > "$staging/DEBIAN/control" <<EOC
Package: apikey
Version: $version
Architecture: amd64
Maintainer: apikey maintainers <maintainers@apikey.invalid>
Section: utils
Priority: optional
Depends: libc6
Suggests: gnome-keyring
Installed-Size: $(du -sk "$staging" | cut -f1)
Description: manage API keys from the command line
 Keeps each key's secret in the OS keychain, creates, lists, rotates and revokes keys through the
 provider's API, and injects keys into HTTP requests and other programs' environment.
EOC
dpkg-deb --root-owner-group --build "$staging" "$dist/apikey_${version}_amd64.deb" >/dev/null
rm -rf "$staging"

# --- .rpm -------------------------------------------------------------------------------------------
if command -v rpmbuild >/dev/null 2>&1; then
  rpmtop="$dist/rpmbuild"
  mkdir -p "$rpmtop/SPECS" "$rpmtop/BUILD"
  sed -e "s/@VERSION@/$version/" -e "s|@TREE@|$tree|" -e "s|@ROOT@|$root|" packaging/apikey.spec > "$rpmtop/SPECS/apikey.spec"
  # No post-install scripts: the tree is already stripped and compressed, and their Debian port is noisy.
  rpmbuild --quiet -bb --define "_topdir $rpmtop" --define "_build_id_links none" --define "__os_install_post %{nil}" \
    "$rpmtop/SPECS/apikey.spec"
  find "$rpmtop/RPMS" -name '*.rpm' -exec mv {} "$dist/" \;
  rm -rf "$rpmtop"
fi

# --- the jar distribution, Homebrew and Scoop ---------------------------------------------------------
jardist="apikey-$version"
mkdir -p "$dist/$jardist/bin" "$dist/$jardist/lib" "$dist/$jardist/share/man/man1" "$dist/$jardist/share/completions"
cp target/apikey.jar "$dist/$jardist/lib/"
cp packaging/jar-launcher.sh "$dist/$jardist/bin/apikey"
cp packaging/command-profile.sh "$dist/$jardist/lib/"
chmod 755 "$dist/$jardist/bin/apikey"
cp packaging/apikey.cmd "$dist/$jardist/bin/apikey.cmd"
cp target/man/*.1 "$dist/$jardist/share/man/man1/"
cp completions/* "$dist/$jardist/share/completions/"
(cd "$dist" && tar -czf "$jardist.tar.gz" "$jardist" && zip -qr "$jardist.zip" "$jardist")
rm -rf "$dist/$jardist"
tgz_sha=$(sha256sum "$dist/$jardist.tar.gz" | cut -d' ' -f1)
zip_sha=$(sha256sum "$dist/$jardist.zip" | cut -d' ' -f1)
sed -e "s|@VERSION@|$version|g" -e "s|@HOMEPAGE@|$homepage|" -e "s|@URL@|$release_url/$jardist.tar.gz|" -e "s|@SHA256@|$tgz_sha|" \
  packaging/homebrew/apikey.rb > "$dist/apikey.rb"
sed -e "s|@VERSION@|$version|g" -e "s|@HOMEPAGE@|$homepage|" -e "s|@URL@|$release_url/$jardist.zip|" -e "s|@SHA256@|$zip_sha|" \
  packaging/scoop/apikey.json > "$dist/apikey.json"

ls -la "$dist"
