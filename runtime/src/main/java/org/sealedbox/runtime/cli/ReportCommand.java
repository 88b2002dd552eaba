package org.sealedbox.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealedbox.runtime.report.Report;
import org.sealedbox.runtime.report.ReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes DIR/report.html again from the files of a run or sweep folder, and prints its path.",
                "One self-contained page: a plot per measure over box time, the expectations marked on it.",
                "DIR is a run folder (it has run.json) or a sweep folder (sweep.json). Exit 0, or 2 if it is neither."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a run folder or a sweep folder")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            Path report = Report.write(dir);
            spec.commandLine().getOut().println("report: " + report);
            spec.commandLine().getOut().flush();
            return Main.OK;
        } catch (ReportException e) {
            spec.commandLine().getErr().println("sealedbox: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Main.BAD_INPUT;
        }
    }
}
