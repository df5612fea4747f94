package dev.apikey.core;

import java.time.Instant;

/**
 * One line of the audit log. It names what happened to which key, never a secret, a request body
 * or a query string.
 *
 * @param action  create, import, get, rotate, revoke, forget, resume, request, exec, …
 * @param outcome ok, or what failed
 * @param origin  for request: the scheme, host and port the key was sent to
 * @param path    for request: the path, without query string
 */
public record AuditEvent(Instant time, String action, String ref, String id, String outcome, String detail,
                         String origin, String path) {

    public static AuditEvent of(Instant time, String action, KeyRef ref, String id, String outcome) {
        return new AuditEvent(time, action, ref == null ? null : ref.toString(), id, outcome, null, null, null);
    }

    public AuditEvent withDetail(String d) {
        return new AuditEvent(time, action, ref, id, outcome, d, origin, path);
    }
}
