package org.sealedbox.runtime.box;

import java.util.Locale;

/**
 * Whether a box may run a tick's {@code proposes}/{@code selects} pairs as fused passes ({@code FusedTick}): the system
 * property {@code sealedbox.fuse}, else the environment variable {@code SEALEDBOX_FUSE}, {@code on} (the default) or
 * {@code off}. Off runs every statement as ops over whole tensors: slower, and what a fused pass agrees with to float
 * rounding, for whoever wants to see that it does on their own scenario ({@code SEALEDBOX_FUSE=off ./sealedbox run …}).
 * Read when a box is made, so that {@code run}, {@code test}, {@code sweep} and {@code bench} all follow it.
 */
public final class Fusing {
    private Fusing() {}

    /** The property that turns fused passes on or off. */
    public static final String PROPERTY = "sealedbox.fuse";

    /** Whether fused passes are on; throws {@link IllegalArgumentException} for a value that is neither on nor off. */
    public static boolean enabled() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) s = System.getenv("SEALEDBOX_FUSE");
        if (s == null || s.isBlank()) return true;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(PROPERTY + " / SEALEDBOX_FUSE must be on or off, not \"" + s + "\"");
        };
    }
}
