package dev.apikey.target;

import dev.apikey.core.Destination;
import dev.apikey.core.Secret;
import dev.apikey.core.UsageException;
import dev.apikey.http.HttpClients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * {@code gitlab:PROJECT}: a project's CI/CD variable, masked and protected, through GitLab's
 * project-level variables API (doc/api/project_level_variables.md): {@code PUT
 * /projects/:id/variables/:key?filter[environment_scope]=*}, and {@code POST /projects/:id/variables}
 * when that answers {@code 404 Variable Not Found}. PROJECT is a numeric id or a path
 * ({@code group/sub/project}, sent URL-encoded). The value is {@code raw} (GitLab must not expand a
 * {@code $} in a secret). A masked variable must satisfy GitLab's rules (app/models/concerns/ci/maskable.rb:
 * at least 8 characters and no whitespace for a raw one; older GitLab also limits the characters to the
 * Base64 alphabet and {@code @ : . ~}); a value that does not is refused here, or by GitLab (400), and
 * never stored unmasked. The token needs the {@code api} scope and the Maintainer role.
 */
final class GitLabVariables implements Destination {
    static final String PREFIX = "gitlab:";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,255}");
    private static final Pattern PROJECT = Pattern.compile("[0-9]+|[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+");
    /** GitLab's MASK_AND_RAW_REGEX: what a masked raw variable may hold. */
    private static final Pattern MASKABLE = Pattern.compile("\\S{8,}");

    private final String project;
    private final Supplier<TargetHost> host;
    private final HttpClients http;

    private GitLabVariables(String project, Supplier<TargetHost> host, HttpClients http) {
        this.project = project;
        this.host = host;
        this.http = http;
    }

    static GitLabVariables parse(String dest, Supplier<TargetHost> host, HttpClients http) {
        String project = dest.substring(PREFIX.length());
        if (!PROJECT.matcher(project).matches()) {
            throw new UsageException("'" + project + "' is not a GitLab project", "gitlab:GROUP/PROJECT or gitlab:PROJECT_ID");
        }
        return new GitLabVariables(project, host, http);
    }

    @Override
    public String describe() {
        return PREFIX + project;
    }

    @Override
    public void checkName(String name) {
        if (!KEY.matcher(name).matches()) {
            throw new UsageException("'" + name + "' cannot be a GitLab CI/CD variable", "letters, digits and '_', at most 255");
        }
    }

    @Override
    public void write(String name, Secret secret) {
        checkName(name);
        if (!MASKABLE.matcher(secret.reveal()).matches()) {
            throw new UsageException("GitLab cannot mask this secret (a masked variable needs at least 8 characters "
                    + "and no whitespace), and apikey does not store it unmasked", "deliver this key another way");
        }
        TargetHost h = host.get();
        HostCalls calls = new HostCalls(http, "GitLab project " + project);
        HttpUrl variables = HostCalls.url(h.baseUrl()).newBuilder().addPathSegments("api/v4/projects")
                .addPathSegment(project).addPathSegment("variables").build();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", secret.reveal());
        body.put("masked", true);
        body.put("protected", true);
        body.put("raw", true);
        HttpUrl one = variables.newBuilder().addPathSegment(name).addQueryParameter("filter[environment_scope]", "*").build();
        HostCalls.Answer updated = refusedValue(() -> calls.send(request(h, one).put(HostCalls.json(body)).build(), 200, 404));
        if (updated.status() == 200) {
            return;
        }
        if (!HostCalls.message(updated.body()).orElse("").contains("Variable Not Found")) {
            throw new dev.apikey.core.NotFoundException("GitLab project " + project + " was not found, or the token "
                    + "cannot see it: " + HostCalls.message(updated.body()).orElse("HTTP 404"),
                    "check the project path, and that the token has the api scope and the Maintainer role");
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("key", name);
        create.putAll(body);
        refusedValue(() -> calls.send(request(h, variables).post(HostCalls.json(create)).build(), 201));
    }

    /** GitLab's 400 for a value it will not mask, said as what it is. */
    private static HostCalls.Answer refusedValue(Supplier<HostCalls.Answer> call) {
        try {
            return call.get();
        } catch (UsageException e) {
            throw new UsageException(e.getMessage() + "; GitLab would not store the value as a masked variable, "
                    + "and apikey does not store it unmasked", "deliver this key another way", e);
        }
    }

    private static Request.Builder request(TargetHost h, HttpUrl url) {
        return new Request.Builder().url(url).header("PRIVATE-TOKEN", h.credential().get().reveal());
    }
}
