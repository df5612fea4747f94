package dev.apikey.cli;

import static dev.apikey.cli.CommandModel.names;

import dev.apikey.core.KeyRef;
import dev.apikey.core.SendRequest;
import dev.apikey.core.UsageException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

final class RequestCommand extends BaseCommand {
    KeyRef ref;
    String target;
    String method;
    List<String> headers = new ArrayList<>();
    String data;
    List<String> rawFields = new ArrayList<>();
    List<String> typedFields = new ArrayList<>();
    boolean include;
    boolean silent;
    List<String> allowHosts = new ArrayList<>();
    String awsService;

    private RequestCommand(CliContext context) {
        super(context);
    }

    static CommandSpec model(CliContext context) {
        RequestCommand request = new RequestCommand(context);
        return CommandModel.of("request", request)
                .description("Send an HTTP request with a key in it, the way its provider expects.",
                        "The key goes only to the origins it is bound to, over https (plain http only to loopback hosts), "
                                + "and never to another origin after a redirect. The response body goes to standard output as "
                                + "it arrives. A status of 400 or more prints 'apikey: HTTP <code> <reason>' on stderr and "
                                + "exits 1; nothing is retried.")
                .examples("  apikey request openai/ci-bot /v1/models",
                        "  apikey request gitlab/me projects/42/issues -f title=Flaky -F confidential=true",
                        "  apikey request svc/deploy https://api.mine.dev/v1/jobs -d @job.json -i",
                        "  apikey request local/dev http://localhost:8080/health --allow-host localhost")
                .key(v -> request.ref = v)
                .parameter("1", "1", "URL|PATH", "A full URL, or a path resolved against the provider's base URL.",
                        String.class, v -> request.target = v)
                .option(names("-X", "--method", "--request"), "METHOD",
                        "The HTTP method: GET, or POST when there is -d or a field.", String.class, v -> request.method = v)
                .repeatable(names("-H", "--header"), "'NAME: VALUE'", "Add a header. One named like the key's header "
                        + "replaces the key; an empty value sends none. Repeatable.",
                        () -> request.headers, v -> request.headers = v)
                .option(names("-d", "--data"), "DATA|@FILE|@-", "The request body: text, a file's bytes, or standard "
                        + "input. JSON when it starts with { or [.", String.class, v -> request.data = v)
                .repeatable(names("-f", "--raw-field"), "KEY=VALUE",
                        "A string field of a JSON body (query parameter for GET). Repeatable.",
                        () -> request.rawFields, v -> request.rawFields = v)
                .repeatable(names("-F", "--field"), "KEY=VALUE", "A typed field: true, false, null and integers as JSON, "
                        + "@FILE a file's text, @- stdin. Repeatable.",
                        () -> request.typedFields, v -> request.typedFields = v)
                .flag(names("-i", "--include"), "Print the status line and response headers before the body.",
                        v -> request.include = v)
                .flag(names("--silent"), "Do not print the response body.", v -> request.silent = v)
                .flag(names("--fail-with-body"), "Accepted for curl users; it is always so: a status of 400 or more "
                        + "prints the body and exits 1.", v -> { })
                .repeatable(names("--allow-host"), "[SCHEME://]HOST[:PORT]",
                        "For a key bound to no host: where this request may go, read as by 'provider add --allow-host' "
                                + "(https unless SCHEME:// is given; a loopback host: any port, http too). Repeatable.",
                        () -> request.allowHosts, v -> request.allowHosts = v)
                .option(names("--aws-service"), "SERVICE", "For an aws key: the service to sign for (e.g. s3, "
                        + "execute-api), when the host does not say.", String.class, v -> request.awsService = v)
                .spec();
    }

    @Override
    protected int run() {
        if (output().json()) {
            throw new UsageException("request prints the response body as the server sent it and has no JSON form",
                    "drop --json");
        }
        SendRequest.Spec request = new SendRequest.Spec(ref, method, target, headers,
                new RequestBody(data, rawFields, typedFields, () -> context.terminal().in()), allowHosts, awsService);
        new SendRequest(workspace()).run(request,
                context.httpTransport(include, silent));
        return ExitCode.OK.code();
    }
}
