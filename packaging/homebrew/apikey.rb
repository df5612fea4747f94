# Homebrew formula for the jar distribution (packaging/build.sh fills in version, URL and checksum).
class Apikey < Formula
  desc "Manage API keys: secrets in the OS keychain, lifecycle through the provider's API"
  homepage "@HOMEPAGE@"
  url "@URL@"
  version "@VERSION@"
  sha256 "@SHA256@"

  depends_on "openjdk@21"

  def install
    libexec.install "lib/apikey.jar"
    bin.write_jar_script libexec/"apikey.jar", "apikey", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
      java_version: "21"
    man1.install Dir["share/man/man1/*.1"]
    bash_completion.install "share/completions/apikey.bash" => "apikey"
    zsh_completion.install "share/completions/_apikey"
    fish_completion.install "share/completions/apikey.fish"
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/apikey --version")
  end
end
