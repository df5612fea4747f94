package dev.apikey.core;

import java.time.Clock;

/** Everything the use-cases work with, assembled once per invocation (lazily, by the command line). */
public record Workspace(Clock clock, KeyIndex keys, KeySecrets secrets, SecretStores backends, Providers providers,
                        AuditTrail audit, RecoveryFiles recovery, Notices notices, UserPrompts prompts,
                        Redactor redactor, RotationJournal journal, TargetIndex targets, Destinations destinations,
                        BindingStore bindings, ManagementCredentials credentials) {
}
