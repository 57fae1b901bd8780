package dev.sluice.audit;

/** The caller may not read this part of the audit log (or none of it). */
public class AuditAccessDenied extends RuntimeException {

    AuditAccessDenied(String message) {
        super(message);
    }
}
