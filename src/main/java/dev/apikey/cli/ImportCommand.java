package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;
import static dev.apikey.cli.CommandModel.parameterBuilder;

import dev.apikey.core.Expiry;
import java.time.Duration;
import dev.apikey.core.ImportKey;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import dev.apikey.cli.completion.CompletionCandidates;
import picocli.CommandLine.Model.CommandSpec;

final class ImportCommand extends BaseCommand {
    KeyRef ref;
    Expiry expires;
    String id;
    String description;
    Duration maxAge;

    private ImportCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        ImportCommand imported = new ImportCommand(context);
        return CommandModel.of("import", imported)
                .description("Store an existing secret for a key made elsewhere.",
                        "The secret is read from standard input, or asked for without echo on a terminal; never from arguments.")
                .examples("  apikey import openai/laptop                    # asks for the secret",
                        "  pass show openai | apikey import openai/laptop --expires 2027-01-31")
                .addParameter(parameterBuilder("0", "1", "REF", "The key, PROVIDER/NAME.", KeyRef.class, v -> imported.ref = v)
                        .completionCandidates(new CompletionCandidates.NewKeyRefs()))
                .option(names("--expires"), "DURATION|DATE", "When the key expires, if it does.", Expiry.class,
                        v -> imported.expires = v)
                .option(names("--id"), "ID", "The provider's id of the key, so it can be rotated and revoked.", String.class,
                        v -> imported.id = v)
                .option(names("--description"), "TEXT", "What the key is for.", String.class, v -> imported.description = v)
                .maxAge(v -> imported.maxAge = v)
                .spec();
    }

    @Override
    protected int run() {
        KeyRef keyRef = ref;
        java.time.Duration maxAgeDuration = maxAge;
        Secret secret = SecretInput.read(context, "Secret for " + keyRef + ": ",
                "'pass show x | apikey import " + keyRef + "'");
        KeyRecord record = new ImportKey(workspace()).run(new ImportKey.Request(keyRef, secret, id, expires, description, maxAgeDuration));
        info("Imported " + record.ref() + " (" + record.hint() + ") into the " + record.backend() + " store");
        if (output().json()) {
            output().printJson(KeyView.of(record, context.clock().instant()));
        }
        return ExitCode.OK.code();
    }
}
