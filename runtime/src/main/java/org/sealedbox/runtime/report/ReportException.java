package org.sealedbox.runtime.report;

/** A folder that cannot be reported on, with one sentence saying why (the CLI prints it as it is). */
public final class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message, null, false, false);
    }
}
