package org.sealedbox.runtime.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Whole files written so that no one ever sees half of one: first under a temporary name beside the target
 * ({@code .NAME.tmp}), then renamed over it in one step. A run killed while writing keeps the previous version.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Where {@code target} is written before it is renamed into place. */
    public static Path temporary(Path target) {
        return target.toAbsolutePath().getParent().resolve("." + target.getFileName() + ".tmp");
    }

    /** Renames a finished temporary file over {@code target}. */
    public static void replace(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code text} (UTF-8) to {@code target} whole or not at all. */
    public static void write(Path target, String text) throws IOException {
        Path tmp = temporary(target);
        Files.createDirectories(tmp.getParent());
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
