package org.sealedbox.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sealedbox.runtime.report.Comparison;
import org.sealedbox.runtime.report.Report;
import org.sealedbox.runtime.report.ReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Puts two or more run folders on one page; prints their end values and the page's path.",
                "A plot per measure they share, a line per run, and a table of each measure at each run's last",
                "measurement with its difference from the first run's (A). Exit 0, or 2 if a folder is not a run folder."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "run folders (the first is A, the one the others are compared with)")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the page (default: runs/compare/<A>-vs-<B>.html, "
            + "named by the folders' names)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var stdout = spec.commandLine().getOut();
        try {
            Comparison c = Comparison.read(runs);
            Path page = Report.compare(c, out != null ? out : defaultOut());
            stdout.print(c.table());
            stdout.println();
            stdout.println("report: " + page);
            stdout.flush();
            return Main.OK;
        } catch (ReportException e) {
            spec.commandLine().getErr().println("sealedbox: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Main.BAD_INPUT;
        }
    }

    private Path defaultOut() {
        String name = runs.stream().map(p -> p.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"))
                .collect(Collectors.joining("-vs-"));
        if (name.length() > 200) name = name.substring(0, 200);
        return Path.of("runs", "compare", name + ".html");
    }
}
