package org.sealedbox.runtime.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.report.Report;
import org.sealedbox.runtime.results.Checkpoints;
import org.sealedbox.runtime.results.RecordedRun;

/**
 * A sweep as its members need it, wherever they run: the scenario's {@link Recipe} and the sweep folder. Serializable,
 * so that an engine can ship it to other machines (which must see the same files at the same paths: a shared disk).
 *
 * @param dir the sweep folder, absolute
 */
public record SweepJob(Recipe recipe, String dir) implements Serializable {

    /** One run of the sweep: a variant (one value per axis) at one seed, with its folder under {@code members/}. */
    public record Member(String variant, Map<String, String> axes, long seed) implements Serializable {
        public Member {
            axes = new LinkedHashMap<>(axes);
        }

        /** {@code members/world.caught=0.2/seed3}: readable, one folder per variant. */
        public String folder() {
            String v = axes.isEmpty() ? "all" : String.join(",", axes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            return "members/" + v.replaceAll("[^A-Za-z0-9._=,()-]", "_") + "/seed" + seed;
        }
    }

    /**
     * How a member ended: {@code completed}, {@code diverged} (with the divergence), or {@code failed} (it did not
     * compile or the run threw; with the diagnosis). Times are ISO instants; {@code worker} says which JVM and thread.
     */
    public record Result(Member member, String status, String diagnosis, long ticksRun, double wallSeconds, String started,
                         String finished, String worker) implements Serializable {}

    public Path folder(Member m) {
        return Path.of(dir).resolve(m.folder());
    }

    /**
     * Runs one member into its folder, from its checkpoint when it has one; never throws: what went wrong is its result.
     */
    public Result run(Member m) {
        Instant started = Instant.now();
        String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + Thread.currentThread().getName();
        Path out = folder(m);
        try {
            Map<String, String> overrides = new LinkedHashMap<>(m.axes());
            overrides.put("seed", String.valueOf(m.seed()));
            Recipe r = recipe.with(overrides);
            ScenarioCompiler.Compilation c = r.compile(new ScenarioLoader(r.registry()));
            if (!c.ok()) return failed(m, "does not compile: " + c.diagnostics().render().strip(), started, worker);
            Checkpoints.Saved from = Files.isRegularFile(out.resolve(Checkpoints.FILE)) ? Checkpoints.read(out) : null;
            if (from != null && !from.resolvedSha256().equals(Checkpoints.fingerprint(c.model().get()))) from = null; // another box
            RecordedRun.Result res = RecordedRun.run(c.model().get(), r.registry(), r, out, from, java.util.List.of());
            try {
                Report.write(out);
            } catch (RuntimeException e) {
                // the member's own page is a convenience; the sweep's report is built from its files
            }
            var d = res.outcome().divergence();
            return new Result(m, d == null ? "completed" : "diverged", d == null ? "" : d.getMessage(), res.outcome().ticksRun(),
                    res.wall().toMillis() / 1000.0, started.toString(), Instant.now().toString(), worker);
        } catch (IOException | RuntimeException e) {
            return failed(m, e.getMessage() != null ? e.getMessage() : e.toString(), started, worker);
        }
    }

    private Result failed(Member m, String why, Instant started, String worker) {
        return new Result(m, "failed", why, 0, (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0, started.toString(),
                Instant.now().toString(), worker);
    }
}
