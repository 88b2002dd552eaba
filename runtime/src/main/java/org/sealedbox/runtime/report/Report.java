package org.sealedbox.runtime.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a results folder's {@code report.html}: one self-contained page (plots drawn as SVG, style inline, no
 * script, nothing fetched from anywhere) built from the folder's files alone, so it can be written again at any time.
 * A run folder ({@code run.json}) gets its facts, "the box opens", its expectations and a plot per measure over box
 * time with the expectations marked on it; a sweep folder ({@code sweep.json}) a plot per measure with a line per
 * variant (mean over seeds) and its spread (min–max) as a band, its members and the verdicts per variant.
 * {@link #compare} puts two or more runs on one page.
 */
public final class Report {
    public static final String FILE = "report.html";

    private Report() {}

    /** Writes {@code dir/report.html} (atomically: a temporary file, then renamed) and returns its path. */
    public static Path write(Path dir) {
        if (!Files.isDirectory(dir)) throw new ReportException("there is no folder " + dir);
        String html;
        if (SweepData.isSweep(dir)) html = Pages.sweep(SweepData.read(dir));
        else if (RunData.isRun(dir)) html = Pages.run(RunData.read(dir));
        else throw new ReportException(dir + " is neither a run folder (it has no run.json) nor a sweep folder (no sweep.json)");
        Path out = dir.resolve(FILE);
        writeAtomically(out, html);
        return out;
    }

    /** Writes one page comparing run folders to {@code out} and returns its path. */
    public static Path compare(List<Path> dirs, Path out) {
        return compare(Comparison.read(dirs), out);
    }

    public static Path compare(Comparison comparison, Path out) {
        writeAtomically(out, Pages.compare(comparison));
        return out;
    }

    private static void writeAtomically(Path out, String html) {
        try {
            org.sealedbox.runtime.results.AtomicFiles.write(out, html);
        } catch (IOException e) {
            throw new ReportException("cannot write " + out + ": " + e);
        }
    }
}
