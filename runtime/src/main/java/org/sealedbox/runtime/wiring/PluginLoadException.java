package org.sealedbox.runtime.wiring;

/** A plugin that could not be installed, with a sentence saying which and why (shown to the user as it is). */
public final class PluginLoadException extends RuntimeException {
    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
