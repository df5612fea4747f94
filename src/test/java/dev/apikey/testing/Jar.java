package dev.apikey.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged apikey, run as its own process (failsafe sets {@code apikey.jar}). */
public final class Jar {
    private Jar() {
    }

    public static Path path() {
        String jar = System.getProperty("apikey.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property apikey.jar must name the built jar (run through failsafe)");
        }
        return Path.of(jar);
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java [jvmOptions] -jar apikey.jar args…} */
    public static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(path().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** A process builder with this machine's environment minus any APIKEY_ variable, plus {@code env}. */
    public static ProcessBuilder process(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("APIKEY_"));
        pb.environment().putAll(env);
        return pb;
    }
}
