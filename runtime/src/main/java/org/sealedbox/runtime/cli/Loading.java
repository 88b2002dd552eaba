package org.sealedbox.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.ScenarioLoader;

/** Reading a scenario file for a command, with I/O problems reported as plain sentences. */
final class Loading {
    private Loading() {}

    /** Whether the file can be read as a scenario; if not, the user has been told why. */
    static boolean readable(Path file, PrintWriter err) {
        if (Files.isDirectory(file)) {
            err.println(file + ": is a folder, not a scenario file");
        } else if (!Files.exists(file)) {
            err.println(file + ": no such file");
        } else if (!Files.isReadable(file)) {
            err.println(file + ": cannot read it");
        } else {
            return true;
        }
        err.flush();
        return false;
    }

    /** The compilation, or null after telling the user why the file could not be read. */
    static ScenarioCompiler.Compilation load(ScenarioLoader loader, Path file, PrintWriter err) {
        try {
            if (Files.isDirectory(file)) {
                err.println(file + ": is a folder, not a scenario file");
                return null;
            }
            return loader.load(ScenarioCompiler.read(file));
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            err.println(file + ": not UTF-8 text");
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
        }
        return null;
    }
}
