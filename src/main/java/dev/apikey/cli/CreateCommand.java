package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;
import static dev.apikey.cli.CommandModel.parameterBuilder;

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
import picocli.CommandLine.Model.CommandSpec;

final class CreateCommand extends BaseCommand {
    KeyRef ref;
    List<String> scopes = new ArrayList<>();
    Expiry expires;
    Map<String, String> params = new LinkedHashMap<>();
    String description;
    Duration maxAge;

    private CreateCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        CreateCommand create = new CreateCommand(context);
        return CommandModel.of("create", create)
                .description("Create a key at its provider and keep its secret in the secret store.")
                .examples("  apikey create local/my-service",
                        "  apikey create local/ci --expires 90d --description 'CI pipeline'",
                        "  apikey create openai/ci-bot --scope api.model.read",
                        "  apikey create cloudflare/dns --param policies=@policies.json")
                .addParameter(parameterBuilder("0", "1", "REF", "The new key, PROVIDER/NAME.", KeyRef.class, v -> create.ref = v)
                        .completionCandidates(new CompletionCandidates.NewKeyRefs()))
                .repeatable(names("--scope"), "S", "A scope to grant; repeatable.", () -> create.scopes, v -> create.scopes = v)
                .option(names("--expires"), "DURATION|DATE", "Expiry: 30d, 2w, P90D or 2027-01-31.", Expiry.class,
                        v -> create.expires = v)
                .keyValues(names("--param"), "K=V", "A provider-specific create field; @FILE reads a JSON value from a file. "
                        + "Repeatable.", () -> create.params, v -> create.params = v)
                .option(names("--description"), "TEXT", "What the key is for.", String.class, v -> create.description = v)
                .maxAge(v -> create.maxAge = v)
                .spec();
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
