package dev.apikey.core;

import java.util.List;

/** The local audit log. Recording is best-effort: a failure warns and never fails the command. */
public interface AuditTrail {

    void record(AuditEvent event);

    /** The events for one ref (or all when null), oldest first. */
    List<AuditEvent> read(KeyRef ref);
}
