package dev.apikey.provider.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apikey.core.UsageException;
import dev.apikey.metadata.Json;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A provider type described by a definition: a built-in one, whose definition ships inside apikey (in
 * {@code dev/apikey/provider/builtin/}), or {@code http}, whose definition the user gives with
 * {@code provider add NAME --type http --file DEF.json}. A built-in's definition is read on first use.
 */
public final class DeclaredProviderType implements ProviderType {
    public static final String HTTP = "http";
    private static final String BUILT_INS = "/dev/apikey/provider/builtin/";

    private final String name;
    private final String resource;
    private JsonNode builtIn;

    private DeclaredProviderType(String name, String resource) {
        this.name = name;
        this.resource = resource;
    }

    /** The built-in type whose definition is {@code builtin/NAME.json}. */
    public static DeclaredProviderType builtIn(String name) {
        return new DeclaredProviderType(name, BUILT_INS + name + ".json");
    }

    /** {@code http}: the definition comes from the provider's configuration. */
    public static DeclaredProviderType http() {
        return new DeclaredProviderType(HTTP, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return resource == null ? "any key service, described by a definition file (--file DEF.json)"
                : builtIn().path("description").asText(name);
    }

    @Override
    public String defaultBaseUrl() {
        return resource == null ? null : builtIn().path("baseUrl").asText(null);
    }

    @Override
    public KeyUsage defaultUsage() {
        return resource == null ? KeyUsage.BEARER : DefinitionReader.read(builtIn(), Map.of(), name).keyUsage(Map.of());
    }

    @Override
    public boolean worksWithoutConfiguration() {
        return resource != null;
    }

    /** The definition as written, variants included; null for {@code http}. */
    public JsonNode definition() {
        return resource == null ? null : builtIn();
    }

    @Override
    public void check(ProviderConfig config) {
        if (resource != null) {
            if (config.definition() != null) {
                throw new UsageException("--file is only for --type http; " + name + " is built in",
                        "leave out --file, or use --type http for a definition of your own");
            }
            DefinitionReader.requireKnownVariant(builtIn(), config.params(), "type " + name);
            return;
        }
        if (config.definition() == null) {
            throw new UsageException("--type http needs the provider's definition", "add --file DEF.json (see docs/providers.md)");
        }
        JsonNode definition = tree(config);
        DefinitionReader.requireValid(definition, "the definition");
        DefinitionReader.requireKnownVariant(definition, config.params(), "provider " + config.name());
        if (config.baseUrl() == null && definition.path("baseUrl").asText(null) == null) {
            throw new UsageException("provider " + config.name() + " has no base URL",
                    "add --base-url URL, or put \"baseUrl\" in the definition");
        }
    }

    @Override
    public Provider open(ProviderConfig config, ProviderContext context) {
        JsonNode raw = resource != null ? builtIn() : tree(config);
        if (raw == null) {
            throw new UsageException("provider " + config.name() + " has type http but no definition",
                    "add it again: 'apikey provider remove " + config.name() + "', then 'apikey provider add "
                            + config.name() + " --type http --file DEF.json'");
        }
        Definition definition = DefinitionReader.read(raw, config.params(), resource != null ? "type " + name
                : "the definition of provider " + config.name());
        String baseUrl = config.baseUrl() != null ? config.baseUrl()
                : definition.baseUrl() == null ? null : UsageTemplates.baseUrl(definition.baseUrl(), config.params(), config.name());
        if (baseUrl == null) {
            throw new UsageException("provider " + config.name() + " has no base URL",
                    "add it again with --base-url URL");
        }
        return new DeclaredProvider(config, definition, baseUrl, context);
    }

    /** The definition of an {@code http} provider, as its configuration holds it (JSON text), or null. */
    private static JsonNode tree(ProviderConfig config) {
        if (config.definition() == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(config.definition());
        } catch (IOException e) {
            throw new UsageException("the definition of provider " + config.name() + " is not valid JSON",
                    "add it again: 'apikey provider remove " + config.name() + "', then 'apikey provider add "
                            + config.name() + " --type http --file DEF.json'");
        }
    }

    private synchronized JsonNode builtIn() {
        if (builtIn == null) {
            try (InputStream in = DeclaredProviderType.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing built-in definition " + resource);
                }
                builtIn = Json.mapper().readTree(in);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable built-in definition " + resource, e);
            }
        }
        return builtIn;
    }
}
