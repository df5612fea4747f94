package dev.apikey.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretMaskerTest {
    static final String SECRET = "ak_5Jq2ZxL9pR";

    /** Feeds the text in the given pieces and returns what came out. */
    static byte[] mask(List<String> secrets, byte[] data, int... cuts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecretMasker masker = new SecretMasker(secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), out);
        int from = 0;
        for (int cut : cuts) {
            masker.write(data, from, cut - from);
            from = cut;
        }
        masker.write(data, from, data.length - from);
        masker.finish();
        return out.toByteArray();
    }

    static String mask(List<String> secrets, String text, int... cuts) throws IOException {
        return new String(mask(secrets, text.getBytes(StandardCharsets.UTF_8), cuts), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> everySplit() {
        String text = "token=" + SECRET + " and again " + SECRET + "\n";
        return IntStream.rangeClosed(0, text.length()).mapToObj(cut -> Arguments.of(text, cut));
    }

    @ParameterizedTest(name = "split at {1}")
    @MethodSource("everySplit")
    void masksASecretSplitAtAnyPoint(String text, int cut) throws IOException {
        assertThat(mask(List.of(SECRET), text, cut)).isEqualTo("token=*** and again ***\n");
    }

    @Test
    void masksTheBase64AndUrlEncodedFormsOfASecret() throws IOException {
        String secret = "sk>>test/with+odd ch?~"; // base64 with '+' '/' and padding; URL-encoding changes it
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        java.util.Base64.Encoder std = java.util.Base64.getEncoder();
        java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder();
        List<String> encoded = List.of(std.encodeToString(bytes), std.withoutPadding().encodeToString(bytes),
                url.encodeToString(bytes), url.withoutPadding().encodeToString(bytes),
                java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8),
                java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(encoded).doesNotHaveDuplicates();
        for (String form : encoded) {
            String text = "Authorization: Basic " + form + "\n";
            for (int cut = 0; cut <= text.length(); cut++) {
                assertThat(mask(List.of(secret), text, cut)).as(form + " cut at " + cut).isEqualTo("Authorization: Basic ***\n");
            }
        }
        assertThat(mask(List.of(secret), "plain " + secret)).isEqualTo("plain ***");
    }

    @Test
    void masksASecretWrittenOneByteAtATime() throws IOException {
        String text = "x" + SECRET + "y";
        int[] cuts = IntStream.range(1, text.length()).toArray();
        assertThat(mask(List.of(SECRET), text, cuts)).isEqualTo("x***y");
    }

    @Test
    void randomPiecesGiveTheSameResultAsOneWrite() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                b.append(random.nextBoolean() ? SECRET : SECRET.substring(0, random.nextInt(SECRET.length())));
                b.append((char) ('a' + random.nextInt(26)));
            }
            String text = b.toString();
            int[] cuts = random.ints(5, 0, text.length() + 1).sorted().toArray();
            assertThat(mask(List.of(SECRET), text, cuts)).as(text).isEqualTo(text.replace(SECRET, "***"));
        }
    }

    @Test
    void aPrefixThatIsNotASecretComesOutUnchanged() throws IOException {
        String partial = SECRET.substring(0, 6);
        assertThat(mask(List.of(SECRET), "a " + partial + " b " + partial, 4)).isEqualTo("a " + partial + " b " + partial);
    }

    @Test
    void masksEverySecretAndTheLongerOfTwoThatStartAlike() throws IOException {
        List<String> secrets = List.of("abcdef", "abc", "zz_other");
        assertThat(mask(secrets, "abcdefg abcx zz_other", 2, 9)).isEqualTo("***g ***x ***");
        assertThat(mask(secrets, "abcd", 3)).isEqualTo("***d");
    }

    @Test
    void masksASecretInsideAnotherSecretsPrefix() throws IOException {
        assertThat(mask(List.of("abcdef", "cd"), "xxabcdzz", 6)).isEqualTo("xxab***zz");
    }

    @Test
    void keepsAnsiColoursAroundAMaskedSecret() throws IOException {
        String text = "\u001b[1;31mkey: " + SECRET + "\u001b[0m\r\u001b[2K100%\n";
        assertThat(mask(List.of(SECRET), text, 3, 12)).isEqualTo("\u001b[1;31mkey: ***\u001b[0m\r\u001b[2K100%\n");
    }

    @Test
    void passesBinaryDataThroughByteForByte() throws IOException {
        byte[] data = new byte[1 << 16];
        new Random(7).nextBytes(data);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(secret, 0, data, 1000, secret.length);
        byte[] expected = new byte[data.length - secret.length + 3];
        System.arraycopy(data, 0, expected, 0, 1000);
        System.arraycopy("***".getBytes(StandardCharsets.US_ASCII), 0, expected, 1000, 3);
        System.arraycopy(data, 1000 + secret.length, expected, 1003, data.length - 1000 - secret.length);

        byte[] masked = mask(List.of(SECRET), data, 1005, 4096, 30000);

        // Random bytes may contain the secret's first byte anywhere; only the secret itself changes.
        assertThat(masked).isEqualTo(expected);
        assertThat(mask(List.of(), data, 10, 100)).isEqualTo(data);
    }

    @Test
    void holdsBackOnlyWhatMayStartASecret() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecretMasker masker = new SecretMasker(List.of(SECRET.getBytes(StandardCharsets.UTF_8)), out);
        byte[] prompt = "Password: ".getBytes(StandardCharsets.UTF_8);
        masker.write(prompt, 0, prompt.length);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Password: ");

        byte[] start = ("next " + SECRET.substring(0, 5)).getBytes(StandardCharsets.UTF_8);
        masker.write(start, 0, start.length);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Password: next ");

        byte[] rest = SECRET.substring(5).getBytes(StandardCharsets.UTF_8);
        masker.write(rest, 0, rest.length);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Password: next ***");
    }
}
