package dev.apikey.core;

import java.net.URI;
import java.util.Locale;

/** {@code apikey provider add|remove|login|logout}: the provider lifecycle. */
public final class ProviderAdmin {
    private final Workspace ws;
    private final ProviderConfigs configs;

    public ProviderAdmin(Workspace ws, ProviderConfigs configs) {
        this.ws = ws;
        this.configs = configs;
    }

    public ProviderConfig add(ProviderConfig config) {
        Names.require("provider", config.name());
        ws.providers().requireType(config.type());
        if (config.baseUrl() != null) {
            requireSafeBaseUrl(config.baseUrl());
        }
        for (String host : config.allowHosts()) {
            Origins.of(host.contains("://") ? host : "https://" + host);
        }
        ws.providers().check(config);
        configs.update(all -> {
            if (all.containsKey(config.name())) {
                throw new UsageException("provider " + config.name() + " already exists",
                        "remove it first with 'apikey provider remove " + config.name() + "'");
            }
            all.put(config.name(), config);
            return null;
        });
        ws.notices().verbose("added provider " + config.name() + " of type " + config.type());
        return config;
    }

    public ProviderConfig remove(String name) {
        Names.require("provider", name);
        ProviderConfig config = configs.find(name).orElseThrow(() -> new NotFoundException(
                "no provider named " + name + " was added", "run 'apikey provider list'"));
        long keys = ws.keys().all().stream().filter(r -> r.ref().provider().equals(name)).count();
        if (keys > 0) {
            throw new UsageException("provider " + name + " still has " + keys + (keys == 1 ? " key" : " keys"),
                    "revoke or forget them first ('apikey list " + name + "')");
        }
        deleteCredential(config);
        configs.update(all -> all.remove(name));
        return config;
    }

    public ProviderConfig login(String name, Secret credential) {
        ProviderConfig config = ws.providers().config(name);
        ws.redactor().register(credential);
        SecretStore store = WritableStore.choose(ws);
        store.put(SecretId.forProvider(name), credential);
        ProviderConfig updated = config.withCredentialBackend(store.backend());
        configs.update(all -> all.put(name, updated));
        ws.audit().record(new AuditEvent(ws.clock().instant(), "login", null, null, "ok", "provider " + name, null, null));
        return updated;
    }

    public boolean logout(String name) {
        ProviderConfig config = ws.providers().config(name);
        boolean deleted = deleteCredential(config);
        if (config.credentialBackend() != null) {
            configs.update(all -> all.computeIfPresent(name, (k, c) -> c.withCredentialBackend(null)));
        }
        ws.audit().record(new AuditEvent(ws.clock().instant(), "logout", null, null, "ok", "provider " + name, null, null));
        return deleted;
    }

    private boolean deleteCredential(ProviderConfig config) {
        if (config.credentialBackend() == null) {
            return false;
        }
        SecretStore store = ws.backends().named(config.credentialBackend());
        return store.writable() && store.delete(SecretId.forProvider(config.name()));
    }

    /** A base URL must be https, except to a loopback host (a local test server). */
    static void requireSafeBaseUrl(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid base URL '" + url + "'", "use a full URL such as https://api.example.com");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new UsageException("invalid base URL '" + url + "'", "use a full URL such as https://api.example.com");
        }
        if (scheme.equals("http") && !isLoopback(u.getHost())) {
            throw new PolicyException("plain http is allowed only to loopback hosts, not " + u.getHost(),
                    "use https://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort()));
        }
    }

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
