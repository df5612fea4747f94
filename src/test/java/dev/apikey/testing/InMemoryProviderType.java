package dev.apikey.testing;

import dev.apikey.core.NotFoundException;
import dev.apikey.core.ProviderUnavailableException;
import dev.apikey.core.Secret;
import dev.apikey.core.CreatedKey;
import dev.apikey.core.KeySpec;
import dev.apikey.core.KeyUsage;
import dev.apikey.core.Provider;
import dev.apikey.core.ProviderConfig;
import dev.apikey.provider.ProviderContext;
import dev.apikey.provider.ProviderType;
import dev.apikey.core.RemoteKey;
import dev.apikey.core.RotationStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A remote provider living in memory, for testing what core does with one: it keeps the keys it made,
 * can rotate natively, and can be told to fail a call.
 */
public final class InMemoryProviderType implements ProviderType {
    private final String name;
    private final RotationStyle style;
    private final Map<String, RemoteState> keys = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> calls = new ArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile String requiredCredential;
    private final Map<String, Crash.When> crashes = new ConcurrentHashMap<>();
    private volatile java.util.concurrent.CountDownLatch hold;
    private volatile java.util.concurrent.CountDownLatch held;

    public record RemoteState(String id, String name, String secret) {
    }

    public InMemoryProviderType(String name, RotationStyle style) {
        this.name = name;
        this.style = style;
    }

    /** Makes the named operation ({@code create}, {@code rotate}, {@code revoke}, {@code list}) fail with exit 6. */
    public InMemoryProviderType failing(String operation) {
        failing.add(operation);
        return this;
    }

    /** Makes every call demand this management credential (exit 4 otherwise), as real APIs do. */
    public InMemoryProviderType requiringCredential(String credential) {
        this.requiredCredential = credential;
        return this;
    }

    public InMemoryProviderType healed() {
        failing.clear();
        crashes.clear();
        return this;
    }

    /** The process "dies" in this operation, before or after the provider acted (once). */
    public InMemoryProviderType crashing(String operation, Crash.When when) {
        crashes.put(operation, when);
        return this;
    }

    /**
     * Holds the next create until the returned latch is released; {@code awaitHeld} returns once a
     * create is being held. For running two invocations into each other deterministically.
     */
    public java.util.concurrent.CountDownLatch holdNextCreate() {
        held = new java.util.concurrent.CountDownLatch(1);
        hold = new java.util.concurrent.CountDownLatch(1);
        return hold;
    }

    public void awaitHeld() throws InterruptedException {
        if (!held.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("no create arrived");
        }
    }

    public Map<String, RemoteState> keys() {
        return keys;
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Whether the provider would accept this secret now. */
    public boolean accepts(String secret) {
        return keys.values().stream().anyMatch(k -> k.secret().equals(secret));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "in-memory test provider";
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api." + name + ".test";
    }

    @Override
    public KeyUsage defaultUsage() {
        return KeyUsage.BEARER;
    }

    @Override
    public Provider open(ProviderConfig config, ProviderContext context) {
        return new Provider() {
            @Override
            public ProviderConfig config() {
                return config;
            }

            @Override
            public KeyUsage usage() {
                return defaultUsage().overriddenBy(config);
            }

            @Override
            public String baseUrl() {
                return config.baseUrl() != null ? config.baseUrl() : defaultBaseUrl();
            }

            @Override
            public boolean carriesMarker() {
                return true;
            }

            @Override
            public boolean remote() {
                return true;
            }

            @Override
            public RotationStyle rotationStyle() {
                return style;
            }

            @Override
            public CreatedKey create(KeySpec spec) {
                call("create", context);
                java.util.concurrent.CountDownLatch h = hold;
                if (h != null) {
                    hold = null;
                    held.countDown();
                    try {
                        h.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                crashIf("create", Crash.When.BEFORE);
                String id = "id-" + ids.incrementAndGet();
                String secret = "sk-" + name + "-" + id + "-0123456789abcdef";
                String remoteName = spec.marker() == null ? spec.name() : spec.name() + " " + spec.marker();
                keys.put(id, new RemoteState(id, remoteName, secret));
                crashIf("create", Crash.When.AFTER);
                return new CreatedKey(id, Secret.of(secret), context.clock().instant(), spec.expiresAt());
            }

            @Override
            public CreatedKey rotate(String id, KeySpec spec) {
                call("rotate", context);
                crashIf("rotate", Crash.When.BEFORE);
                RemoteState old = keys.get(id);
                if (old == null) {
                    throw new NotFoundException("no key " + id + " at " + name);
                }
                String secret = "sk-" + name + "-" + id + "-rolled-" + ids.incrementAndGet() + "-0123456789";
                keys.put(id, new RemoteState(id, old.name(), secret));
                crashIf("rotate", Crash.When.AFTER);
                return new CreatedKey(id, Secret.of(secret), context.clock().instant(), spec.expiresAt());
            }

            @Override
            public void revoke(String id) {
                call("revoke", context);
                crashIf("revoke", Crash.When.BEFORE);
                if (keys.remove(id) == null) {
                    throw new NotFoundException("no key " + id + " at " + name);
                }
                crashIf("revoke", Crash.When.AFTER);
            }

            @Override
            public void list(Consumer<RemoteKey> each) {
                call("list", context);
                keys.values().forEach(k -> each.accept(new RemoteKey(k.id(), k.name(), null, null, null, null)));
            }
        };
    }

    private void crashIf(String operation, Crash.When when) {
        if (crashes.remove(operation, when)) {
            throw new Crash(operation + " " + when);
        }
    }

    private void call(String operation, ProviderContext context) {
        synchronized (this) {
            calls.add(operation);
        }
        if (requiredCredential != null
                && !context.managementCredential().get().reveal().equals(requiredCredential)) {
            throw new dev.apikey.core.CredentialRejectedException(name + " answered 401: invalid credential");
        }
        if (failing.contains(operation)) {
            throw new ProviderUnavailableException(name + " answered 503 to " + operation);
        }
    }
}
