package dev.apikey.testing;

import dev.apikey.core.SecretStoreException;
import dev.apikey.store.Keychain;
import dev.apikey.store.KeychainUnreachableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory keychain with the faults real ones have: missing, locked, hanging, refusing writes.
 * Shared across invocations of one test like the OS keychain is across processes.
 */
public final class FakeKeychain implements Keychain.Opener {
    public enum Fault {
        NONE, UNREACHABLE, LOCKED, HANGS, REFUSES_WRITES,
        /** Passes apikey's write check but refuses the secrets themselves, as a size limit would. */
        REFUSES_SECRETS
    }

    private final Map<String, String> items = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Fault fault = Fault.NONE;
    private volatile int opens;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile String crashAccount;
    private volatile Crash.When crashWhen;

    public FakeKeychain fault(Fault f) {
        this.fault = f;
        return this;
    }

    /** Lets calls stuck in {@link Fault#HANGS} return, so no thread outlives the test. */
    public void release() {
        released.countDown();
    }

    /** The process "dies" while writing this account, before or after the item is written (once). */
    public FakeKeychain crashWriting(String account, Crash.When when) {
        this.crashAccount = account;
        this.crashWhen = when;
        return this;
    }

    public Map<String, String> items() {
        return items;
    }

    public String item(String service, String account) {
        return items.get(service + "\u0000" + account);
    }

    public int opens() {
        return opens;
    }

    /** How many connections opened by {@link #open()} have not been closed. */
    public int openConnections() {
        return open.get();
    }

    /** How many writes (stores and deletes, a write check's marker included) reached the keychain. */
    public int writes() {
        return writes.get();
    }

    @Override
    public Keychain open() {
        opens++;
        if (fault == Fault.UNREACHABLE) {
            throw new KeychainUnreachableException("no keychain is reachable (test)", null);
        }
        hangIfAsked();
        open.incrementAndGet();
        return new Keychain() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
                check(false, ""); // hangs or fails as the keychain does

            }

            @Override
            public String get(String service, String account) {
                check(false, account);
                return items.get(service + "\u0000" + account);
            }

            @Override
            public void set(String service, String account, String secret) {
                writes.incrementAndGet();
                check(true, account);
                boolean crash = account.equals(crashAccount);
                if (crash && crashWhen == Crash.When.BEFORE) {
                    crashAccount = null;
                    throw new Crash("write " + account + " before");
                }
                items.put(service + "\u0000" + account, secret);
                if (crash) {
                    crashAccount = null;
                    throw new Crash("write " + account + " after");
                }
            }

            @Override
            public boolean delete(String service, String account) {
                writes.incrementAndGet();
                check(true, account);
                return items.remove(service + "\u0000" + account) != null;
            }

            @Override
            public void requireUnlocked() {
                check(false, "");
            }
        };
    }

    private void check(boolean write, String account) {
        hangIfAsked();
        if (fault == Fault.LOCKED) {
            throw new SecretStoreException("the keychain is locked", "unlock it");
        }
        if (write && fault == Fault.REFUSES_SECRETS && !account.startsWith(".")) {
            throw new SecretStoreException("the keychain refused the secret", null);
        }
        if (write && fault == Fault.REFUSES_WRITES) {
            throw new SecretStoreException("the keychain refused the write", null);
        }
    }

    private void hangIfAsked() {
        if (fault == Fault.HANGS) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
