package org.sealedbox.scenarios;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.sealedbox.runtime.cli.Main;

/** Runs the sealedbox CLI in this JVM and captures what it prints. */
public final class Cli {
    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private Cli() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** The repository root (set by the build; the module folder's parent otherwise). */
    public static Path root() {
        return Path.of(System.getProperty("sealedbox.root", "..")).toAbsolutePath().normalize();
    }

    public static Path canon(String name) {
        return root().resolve("scenarios/canon/" + name + ".box");
    }

    public static Path published(String name) {
        return root().resolve("scenarios/published/" + name + ".box");
    }
}
