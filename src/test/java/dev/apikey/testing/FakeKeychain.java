package dev.apikey.testing;

import dev.apikey.core.SecretStoreException;
import dev.apikey.store.Keychain;
import dev.apikey.store.KeychainUnreachableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private volatile Hold hold;

    /** A write that waits where a process would be paused, until the test lets it go. */
    public static final class Hold {
        private final String account;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String account) {
            this.account = account;
        }

        /** Waits until the write has reached the keychain and is held there. */
        public void awaitArrival() throws InterruptedException {
            if (!arrived.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("no write of " + account + " arrived");
            }
        }

        /** Lets the held write go on (and a write that has not arrived yet pass). */
        public void release() {
            released.countDown();
        }

        private void hold() {
            arrived.countDown();
            try {
                if (!released.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the held write of " + account + " was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public FakeKeychain fault(Fault f) {
        this.fault = f;
        return this;
    }

    /** Lets calls stuck in {@link Fault#HANGS} return, so no thread outlives the test. */
    public void release() {
        released.countDown();
    }

    /**
     * The next write of this account waits, before the item is written, until {@link Hold#release}. Give the
     * keychain a time limit longer than the hold (config {@code keychainTimeout}), or the wait is a timeout.
     */
    public Hold holdWriting(String account) {
        Hold h = new Hold(account);
        this.hold = h;
        return h;
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
                Hold held = hold;
                if (held != null && held.account.equals(account)) {
                    hold = null;
                    held.hold();
                }
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
