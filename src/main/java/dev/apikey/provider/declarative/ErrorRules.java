package dev.apikey.provider.declarative;

import dev.apikey.core.ApikeyException;
import dev.apikey.core.CredentialRejectedException;
import dev.apikey.core.NotFoundException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.UsageException;
import java.util.List;

/**
 * A definition's error rules: what particular errors of a provider mean, when the status alone would say something
 * else (SendGrid answers 403 at its cap of 100 keys, which is no refused credential). The first rule all of whose
 * conditions hold decides the exit code, the message and the hint.
 */
final class ErrorRules {
    private ErrorRules() {
    }

    /** The first rule that matches the error, or null. */
    static Definition.ErrorRule find(List<Definition.ErrorRule> rules, int status, String operation, String code,
                                     String message) {
        for (Definition.ErrorRule r : rules) {
            if ((r.status() == null || r.status() == status)
                    && (r.operation() == null || r.operation().equals(operation))
                    && (r.code() == null || r.code().equals(code))
                    && (r.matches() == null || message != null && r.matches().matcher(message).find())) {
                return r;
            }
        }
        return null;
    }

    /**
     * The exception a rule means, typed by its exit code.
     *
     * @param provider the provider's name, for {@code {provider}} in the rule's message and hint
     * @param head     {@code <provider>: cannot <do what>: }
     * @param status   {@code HTTP <code>: <provider's message>}
     */
    static ApikeyException exception(Definition.ErrorRule rule, String provider, String head, String status) {
        String text = head + (rule.message() == null ? "the request was refused" : rule.message().replace("{provider}", provider))
                + " (" + status + ")";
        String hint = rule.hint() == null ? null : rule.hint().replace("{provider}", provider);
        return switch (rule.exit()) {
            case 2 -> new UsageException(text, hint);
            case 3 -> new NotFoundException(text, hint);
            case 4 -> new CredentialRejectedException(text, hint);
            case 6 -> new ProviderUnavailableException(text, hint);
            default -> new ApikeyException(text, hint);
        };
    }
}
