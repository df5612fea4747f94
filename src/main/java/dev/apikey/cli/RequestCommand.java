package dev.apikey.cli;

import dev.apikey.core.KeyRef;
import dev.apikey.core.SendRequest;
import dev.apikey.core.UsageException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "request",
        description = {"Send an HTTP request with a key in it, the way its provider expects.",
            "The key goes only to the origins it is bound to, over https (plain http only to loopback hosts), and never "
                + "to another origin after a redirect. The response body goes to standard output as it arrives. A status "
                + "of 400 or more prints 'apikey: HTTP <code> <reason>' on stderr and exits 1; nothing is retried."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  apikey request openai/ci-bot /v1/models",
            "  apikey request gitlab/me projects/42/issues -f title=Flaky -F confidential=true",
            "  apikey request svc/deploy https://api.mine.dev/v1/jobs -d @job.json -i",
            "  apikey request local/dev http://localhost:8080/health --allow-host localhost",
        })
final class RequestCommand extends BaseCommand {


    @Parameters(index = "0", paramLabel = "REF", description = "The key, PROVIDER/NAME.")
    KeyRef ref;

    @Parameters(index = "1", paramLabel = "URL|PATH",
            description = "A full URL, or a path resolved against the provider's base URL.")
    String target;

    @Option(names = {"-X", "--method", "--request"}, paramLabel = "METHOD",
            description = "The HTTP method: GET, or POST when there is -d or a field.")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "Add a header. One named like the key's header replaces the key; an empty value sends none. Repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "DATA|@FILE|@-",
            description = "The request body: text, a file's bytes, or standard input. JSON when it starts with { or [.")
    String data;

    @Option(names = {"-f", "--raw-field"}, paramLabel = "KEY=VALUE",
            description = "A string field of a JSON body (query parameter for GET). Repeatable.")
    List<String> rawFields = new ArrayList<>();

    @Option(names = {"-F", "--field"}, paramLabel = "KEY=VALUE",
            description = "A typed field: true, false, null and integers as JSON, @FILE a file's text, @- stdin. Repeatable.")
    List<String> typedFields = new ArrayList<>();

    @Option(names = {"-i", "--include"}, description = "Print the status line and response headers before the body.")
    boolean include;

    @Option(names = "--silent", description = "Do not print the response body.")
    boolean silent;

    @Option(names = "--fail-with-body", description = "Accepted for curl users; it is always so: a status of 400 or more "
            + "prints the body and exits 1.")
    boolean failWithBody;

    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]",
            description = "For a key bound to no host: where this request may go, read as by 'provider add --allow-host' "
                    + "(https unless SCHEME:// is given; a loopback host: any port, http too). Repeatable.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--aws-service", paramLabel = "SERVICE",
            description = "For an aws key: the service to sign for (e.g. s3, execute-api), when the host does not say.")
    String awsService;

    RequestCommand(CliContext context) {
        super(context);
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
