package dev.apikey.agent;

import java.nio.file.attribute.UserPrincipal;

/**
 * Who may talk to an agent: a process of the agent's own user, and nobody else — not another user,
 * and not root either (stricter than ssh-agent; root can read memory anyway, but need not be
 * served). The uid comes from the kernel ({@code SO_PEERCRED}), not from anything the peer says.
 */
final class PeerCheck {
    private PeerCheck() {
    }

    static boolean sameUser(UserPrincipal peer, UserPrincipal owner) {
        return peer != null && owner != null && peer.equals(owner);
    }
}
