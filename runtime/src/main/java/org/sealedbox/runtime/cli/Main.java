package org.sealedbox.runtime.cli;

import java.io.PrintWriter;
import org.sealedbox.runtime.box.Fusing;
import org.sealedbox.runtime.results.Versions;
import org.sealedbox.runtime.spi.Workers;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sealedbox}: run, check, test, report, compare and list. Exit codes: 0 ok, 1 an expectation failed or a file has errors, 2 bad input, 3 diverged. */
@Command(name = "sealedbox", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs populations of learning agents sealed in a simulated world, as scenario files describe.",
        subcommands = {RunCommand.class, SweepCommand.class, CheckCommand.class, TestCommand.class, ReportCommand.class, CompareCommand.class, PluginsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2, DIVERGED = 3, INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in this JVM with the given streams; returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            Workers.configured(); // a thread count that is not a number is the user's input: said before anything runs
            Fusing.enabled(); // so is a SEALEDBOX_FUSE that is neither on nor off
        } catch (IllegalArgumentException e) {
            err.println("sealedbox: " + e.getMessage());
            return BAD_INPUT;
        }
        CommandLine cli = new CommandLine(new Main());
        for (Subcommand more : java.util.ServiceLoader.load(Subcommand.class)) cli.addSubcommand(more);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("sealedbox: internal error: " + ex);
            if (System.getenv("SEALEDBOX_DEBUG") != null) ex.printStackTrace(err);
            else err.println("(set SEALEDBOX_DEBUG=1 to see where; please report it)");
            return INTERNAL;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("sealedbox: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return BAD_INPUT;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sealedbox " + Versions.sealedbox() + " (ND4J " + Versions.nd4j() + ")"};
        }
    }
}
