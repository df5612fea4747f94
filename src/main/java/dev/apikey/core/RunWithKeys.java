package dev.apikey.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code apikey exec}: runs a command with keys in its environment, each in its provider's variables
 * or the one {@code --env VAR=REF} names. Secrets go only through the environment, never argv; the
 * child never sees apikey's own credentials ({@code APIKEY_PASSPHRASE*}, {@code APIKEY_ADMIN_*}) or
 * any other {@code APIKEY_SECRET_*}.
 */
public final class RunWithKeys {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Workspace ws;

    public RunWithKeys(Workspace ws) {
        this.ws = ws;
    }

    /**
     * @param refs        keys to set in their providers' variables
     * @param variables   {@code --env VAR=REF}: a variable per key, instead of its provider's
     * @param command     the program and its arguments
     * @param environment apikey's own environment, which the child inherits, cleaned
     */
    public record Spec(List<KeyRef> refs, Map<String, KeyRef> variables, List<String> command,
                       Map<String, String> environment) {
    }

    /** Starts processes. */
    public interface Launcher {
        /**
         * Runs the command to its end, masking {@code secrets} in output that is not on a terminal.
         *
         * @return the command's exit code
         * @throws CommandNotStartedException when it cannot be started
         */
        int run(List<String> command, Map<String, String> environment, List<Secret> secrets);
    }

    public int run(Spec spec, Launcher launcher) {
        if (spec.command().isEmpty()) {
            throw new UsageException("no command to run", "put the command after '--': apikey exec REF -- CMD [ARG]...");
        }
        if (spec.refs().isEmpty() && spec.variables().isEmpty()) {
            throw new UsageException("no key to run the command with", "name keys: apikey exec REF... -- CMD");
        }
        spec.variables().keySet().forEach(RunWithKeys::requireVariableName);

        Set<KeyRef> all = new LinkedHashSet<>(spec.refs());
        all.addAll(spec.variables().values());
        List<KeyRef> others = List.copyOf(all);
        UsableKeys keys = new UsableKeys(ws);
        Map<String, Secret> injected = new LinkedHashMap<>();
        Map<String, KeyRef> setBy = new LinkedHashMap<>();
        List<Secret> secrets = new ArrayList<>();
        Set<String> cleared = new LinkedHashSet<>();
        for (KeyRef ref : spec.refs()) {
            if (spec.variables().containsValue(ref)) {
                continue; // --env names its variable
            }
            UsableKey key = keys.resolve(ref, others);
            secrets.add(key.secret());
            secrets.addAll(key.linkedSecrets());
            key.variables().forEach((name, value) -> inject(injected, setBy, name, value, ref));
            cleared.addAll(key.usage().clears());
        }
        for (Map.Entry<String, KeyRef> e : spec.variables().entrySet()) {
            Secret secret = keys.secret(e.getValue(), others).secret();
            secrets.add(secret);
            inject(injected, setBy, e.getKey(), secret, e.getValue());
        }

        Map<String, String> environment = inherited(spec.environment());
        for (String name : cleared) {
            // e.g. AWS_PROFILE, which would make the AWS CLI ignore the injected key
            if (environment.remove(name) != null) {
                ws.notices().verbose("clearing " + name + " for the injected key");
            }
        }
        injected.forEach((name, value) -> {
            if (environment.containsKey(name)) {
                ws.notices().verbose("replacing " + name + " from the environment");
            }
            environment.put(name, value.reveal());
        });
        String program = spec.command().get(0);
        String detail = "ran " + program.substring(program.lastIndexOf('/') + 1) + " with " + String.join(", ", injected.keySet());
        int exit;
        try {
            exit = launcher.run(spec.command(), environment, secrets);
        } catch (ApikeyException e) {
            all.forEach(ref -> audit(ref, "failed", detail + ": " + e.getMessage()));
            throw e;
        }
        all.forEach(ref -> audit(ref, exit == 0 ? "ok" : "exit " + exit, detail));
        return exit;
    }

    private void inject(Map<String, Secret> injected, Map<String, KeyRef> setBy, String name, Secret value, KeyRef ref) {
        KeyRef earlier = setBy.putIfAbsent(name, ref);
        // Two keys may agree on a variable: an application key sets DD_API_KEY to the API key named beside it.
        if (earlier != null && !earlier.equals(ref) && !injected.get(name).reveal().equals(value.reveal())) {
            throw new UsageException(earlier + " and " + ref + " both set " + name,
                    "give one of them its own variable: --env OTHER_NAME=" + ref);
        }
        injected.put(name, value);
        ws.notices().verbose("setting " + name + " for " + ref);
    }

    private void audit(KeyRef ref, String outcome, String detail) {
        ws.audit().record(AuditEvent.of(ws.clock().instant(), "exec", ref, ws.keys().find(ref).map(KeyRecord::id).orElse(null),
                outcome).withDetail(detail));
    }

    /** apikey's environment without its own credentials, which are not the child's business. */
    static Map<String, String> inherited(Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (!isApikeyCredential(name)) {
                env.put(name, value);
            }
        });
        return env;
    }

    static boolean isApikeyCredential(String name) {
        return name.equals("APIKEY_PASSPHRASE") || name.equals("APIKEY_PASSPHRASE_FILE")
                || name.startsWith("APIKEY_ADMIN_") || name.startsWith("APIKEY_SECRET_");
    }

    private static void requireVariableName(String name) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new UsageException("invalid variable name '" + Names.printable(name) + "' in --env",
                    "letters, digits and '_', not starting with a digit: --env MY_KEY=REF");
        }
        if (name.startsWith("APIKEY_")) {
            throw new UsageException("--env cannot set " + name + ": APIKEY_ variables are apikey's own",
                    "choose another name, e.g. --env MY_KEY=REF");
        }
    }
}
