package dev.apikey.cli;

import dev.apikey.core.Expiry;
import java.time.Duration;
import dev.apikey.core.ImportKey;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import dev.apikey.core.Secret;
import dev.apikey.cli.completion.CompletionCandidates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import",
        description = {"Store an existing secret for a key made elsewhere.",
            "The secret is read from standard input, or asked for without echo on a terminal; never from arguments."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey import openai/laptop                    # asks for the secret",
            "  pass show openai | apikey import openai/laptop --expires 2027-01-31",
        })
final class ImportCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "REF", completionCandidates = CompletionCandidates.NewKeyRefs.class, description = "The key, PROVIDER/NAME.")
    KeyRef ref;

    @Option(names = "--expires", paramLabel = "DURATION|DATE", description = "When the key expires, if it does.")
    Expiry expires;

    @Option(names = "--id", paramLabel = "ID", description = "The provider's id of the key, so it can be rotated and revoked.")
    String id;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the key is for.")
    String description;

    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Rotate this key with 'rotate --due' once it is this old (else the provider's maxAge).")
    Duration maxAge;

    ImportCommand(CliContext context) {
        super(context);
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
