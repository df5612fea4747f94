package dev.apikey.core;


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
        Origin.boundTo(null, config.allowHosts());
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
        Origin origin;
        try {
            origin = Origin.parse(url);
        } catch (Origin.InvalidException e) {
            throw new UsageException("invalid base URL '" + Names.printable(url) + "'",
                    "use a full URL such as https://api.example.com");
        }
        if (!origin.isSecureTransport()) {
            throw new PolicyException("plain http is allowed only to loopback hosts, not " + origin.host(),
                    "use https://" + origin.hostPort());
        }
    }
}
