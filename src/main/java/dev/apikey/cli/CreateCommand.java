package dev.apikey.cli;

import dev.apikey.core.Expiry;
import java.time.Duration;
import dev.apikey.core.CreateKey;
import dev.apikey.core.KeyRecord;
import dev.apikey.core.KeyRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.apikey.cli.completion.CompletionCandidates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create",
        description = "Create a key at its provider and keep its secret in the secret store.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey create local/my-service",
            "  apikey create local/ci --expires 90d --description 'CI pipeline'",
            "  apikey create openai/ci-bot --scope api.model.read",
            "  apikey create cloudflare/dns --param policies=@policies.json",
        })
final class CreateCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "REF", completionCandidates = CompletionCandidates.NewKeyRefs.class, description = "The new key, PROVIDER/NAME.")
    KeyRef ref;

    @Option(names = "--scope", paramLabel = "S", description = "A scope to grant; repeatable.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--expires", paramLabel = "DURATION|DATE", description = "Expiry: 30d, 2w, P90D or 2027-01-31.")
    Expiry expires;

    @Option(names = "--param", paramLabel = "K=V",
            description = "A provider-specific create field; @FILE reads a JSON value from a file. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "What the key is for.")
    String description;

    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Rotate this key with 'rotate --due' once it is this old (else the provider's maxAge).")
    Duration maxAge;

    CreateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        KeyRef keyRef = ref;
        Map<String, String> resolved = Params.resolve(params);
        KeyRecord record = new CreateKey(workspace()).run(
                new CreateKey.Request(keyRef, scopes, expires, resolved, description,
                        maxAge));
        info("Created " + record.ref() + " (" + record.hint() + ") in the " + record.backend() + " store");
        if (output().json()) {
            output().printJson(KeyView.of(record, context.clock().instant()));
        }
        return ExitCode.OK.code();
    }
}
