package dev.apikey.agent;

import dev.apikey.core.Notices;
import dev.apikey.store.UnlockedKeys;
import java.util.Optional;

/**
 * The file store's way to the key {@code apikey unlock} keeps: asks the agent, and says why not on
 * stderr when the agent cannot be trusted or has the key of another file. An absent or stale agent
 * is simply "locked": the store then asks for the passphrase as it always did.
 */
public final class AgentKeys implements UnlockedKeys {
    private final AgentClient client;
    private final Notices notices;

    public AgentKeys(AgentSocket socket, Notices notices) {
        this.client = new AgentClient(socket);
        this.notices = notices;
    }

    @Override
    public Optional<byte[]> find(byte[] headerBinding) {
        try {
            AgentClient.Answer a = client.get(headerBinding);
            if (a.is(AgentProtocol.KEY)) {
                notices.verbose("file store key from the unlock agent (unlocked until " + a.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
                return Optional.of(a.key());
            }
            if (a.is(AgentProtocol.OTHER_FILE)) {
                notices.warn("the file store was unlocked for another secrets file (replaced since?); "
                        + "the agent's key is not used; run 'apikey unlock' again");
            }
            return Optional.empty();
        } catch (AgentClient.UnreachableException e) {
            switch (e.reason) {
                case REFUSED, NO_ANSWER -> notices.warn(e.getMessage() + "; not using the unlock agent");
                case STALE -> notices.verbose(e.getMessage() + " (a stale socket); the file store is locked");
                default -> {
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        try {
            AgentClient.Answer a = client.status();
            return a.is(AgentProtocol.UNLOCKED) ? "unlocked until " + a.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (agent pid " + a.pid() + ")" : "locked";
        } catch (AgentClient.UnreachableException e) {
            return e.reason == AgentClient.Unreachable.REFUSED || e.reason == AgentClient.Unreachable.NO_ANSWER
                    ? "locked (" + e.getMessage() + ")" : "locked";
        }
    }
}
