package org.sealedbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.MetricsRow;
import org.sealedbox.runtime.cli.Main;
import org.sealedbox.runtime.cli.Subcommand;
import org.sealedbox.runtime.results.AtomicFiles;
import org.sealedbox.runtime.results.Versions;
import org.sealedbox.runtime.spi.Workers;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sealedbox bench}: the bench's boxes ({@code bench/boxes}) at several population sizes, each for a fixed number
 * of ticks after warm-up in this one warm JVM; for each, agent-ticks per second, the bytes a tick must move (see
 * {@link Traffic}) against this machine's measured bandwidth ({@link Bandwidth}), the scratch memory a tick allocates,
 * peak heap and off-heap memory and bytes per agent; then the same box in the baselines (a NumPy script and a
 * one-object-per-agent Java loop), the ratios, and whether they computed the same seed-free numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures throughput: the bench's boxes (canon #2's world; linear and mlp models; with and without notes) at "
                + "each population size, against this machine's measured memory bandwidth, a NumPy script and a one-object-per-agent "
                + "Java loop of the same box. Prints a table; writes bench.json (numbers, seed, versions, settings).",
                "Targets (docs/performance.md): ≥ 5× NumPy, ≥ 50× the object loop, ≥ 50%% of the bandwidth roofline at N ≥ 1e4."})
public final class BenchCommand implements Subcommand, Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--agents", split = ",", description = "population sizes (default: ${DEFAULT-VALUE})", defaultValue = "1000,10000,100000")
    List<Double> agents;

    @Option(names = "--boxes", split = ",", description = "which boxes of bench/boxes (default: ${DEFAULT-VALUE})",
            defaultValue = "whatever-seems-right,mlp,notes,mlp-notes")
    List<String> boxes;

    @Option(names = "--ticks", description = "timed ticks per box (default: 0 = 2·10^5 agent-ticks, between 3 and 100 ticks)", defaultValue = "0")
    int ticks;

    /**
     * Untimed ticks before the timed ones. By default half as many as are timed, and at least 3: the JIT compiles the
     * engine's and the object loop's code on the same two cores while the first ticks run, and at 1e3 and 1e4 agents
     * three ticks were not enough (the fused tick's first timed ticks took 1.5-1.8 times the later ones).
     */
    @Option(names = "--warmup", description = "untimed ticks before them (default: half the timed ticks, at least 3)")
    Integer warmup;

    @Option(names = "--baselines", split = ",", description = "numpy, objects, none (default: ${DEFAULT-VALUE})", defaultValue = "numpy,objects")
    List<String> baselines;

    @Option(names = "--baseline-max", description = "largest N the baselines run at (default: ${DEFAULT-VALUE})", defaultValue = "100000")
    double baselineMax;

    @Option(names = "--stream-mib", description = "size of each array of the bandwidth measurement (default: ${DEFAULT-VALUE})", defaultValue = "512")
    int streamMib;

    @Option(names = "--set", description = "change a setting of every box, as `run --set` does (e.g. world.width=32, for scaling in D)")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--seed", description = "seed (default: the boxes' own, 7)")
    Long seed;

    @Option(names = "--out", description = "folder for bench.json (default: runs/bench/<time>)")
    Path out;

    @Option(names = "--unfused", description = "run every tick as ops over whole tensors, even where a fused pass computes it (to compare)")
    boolean unfused;

    @Option(names = "--threads", description = "Java threads of the fused passes (default: SEALEDBOX_THREADS, else all cores; ND4J's ops stay on one)")
    Integer threads;

    @Option(names = "--kernels", description = "run the JMH benchmarks of the hot kernels instead (forward, update, judge, measure, situations, a whole tick fused and not)")
    boolean kernels;

    /** The boxes the baselines implement (bench/numpy_box.py and {@link ObjectLoop}). */
    static final java.util.Set<String> BASELINE_BOXES = java.util.Set.of("whatever-seems-right", "mlp", "notes", "mlp-notes");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (kernels) return org.sealedbox.bench.kernels.Kernels.run(org.sealedbox.bench.kernels.Kernels.ALL, out);
        Path root = Path.of(System.getProperty("sealedbox.root", "."));
        Path boxDir = root.resolve("bench/boxes");
        for (String b : boxes) {
            if (!Files.isRegularFile(boxDir.resolve(b + ".box"))) {
                err.println("sealedbox bench: no box " + boxDir.resolve(b + ".box"));
                return Main.BAD_INPUT;
            }
        }
        if (threads != null) {
            if (threads < 1) {
                err.println("sealedbox bench: --threads must be at least 1, not " + threads);
                return Main.BAD_INPUT;
            }
            Workers.setCount(threads);
        }
        PluginRegistry registry = Wiring.registry();
        ObjectNode report = JSON.createObjectNode();
        report.putPOJO("versions", Versions.all());
        report.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("threads", Workers.count());
        report.put("cpu", cpu());
        if (warmup != null) report.put("warmup", warmup);
        else report.put("warmup", "half the timed ticks, at least 3");
        report.putPOJO("overrides", sets);

        out.printf("sealedbox bench: %s, %d cores, %d thread%s for fused passes, OMP_NUM_THREADS=%s, ND4J %s (%s), Java %s%n", cpu(),
                Runtime.getRuntime().availableProcessors(), Workers.count(), Workers.count() == 1 ? "" : "s", System.getenv("OMP_NUM_THREADS"), Versions.nd4j(),
                Nd4j.getBackend().getClass().getSimpleName(), System.getProperty("java.version"));
        double bandwidth = Bandwidth.copy((long) streamMib << 20, 5);
        report.put("bandwidth_bytes_per_second", bandwidth);
        out.printf("memory bandwidth: %.1f GB/s (STREAM copy through ND4J, 2 × %d MiB arrays, best of 5)%n%n", bandwidth / 1e9, streamMib);
        out.flush();

        // bench.json is rewritten after every row, so that a bench stopped part way (killed, out of memory) keeps what it measured
        Path dir = out(root);
        List<Row> rows = new ArrayList<>();
        ArrayNode results = report.putArray("results");
        String header = String.format("%-20s %8s %5s %9s %13s %11s %6s %11s %10s %10s %9s %8s %8s",
                "box", "N", "ticks", "ms/tick", "agent-ticks/s", "B/tick", "roof", "scratch/tk", "peak heap", "peak off", "B/agent",
                "×numpy", "×objects");
        out.println(header);
        out.flush();
        long ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        for (String b : boxes) {
            Row smaller = null, previous = null;
            for (double size : agents.stream().sorted().toList()) {
                int n = (int) Math.round(size);
                int t = timedTicks(ticks, n), w = warmupTicks(warmup, t);
                // memory grows linearly in N: a size whose extrapolated need would not fit is not tried. From two smaller
                // sizes, the growth per agent between them (the JVM's and ND4J's fixed costs are not scaled); from one,
                // its whole growth in proportion. Either counts the buffers ND4J had not yet freed, which do not grow with
                // N once JavaCPP asks for collections, so it overestimates (notes at 1e5: 23.8 GB estimated, 17.0 GB
                // measured) and the whole of the machine's memory is the limit
                double estimate = 0;
                String basis = "";
                if (previous != null) {
                    long grown = previous.peakResident - previous.residentBefore;
                    boolean two = smaller != null && previous.n > smaller.n;
                    long smallerGrown = two ? smaller.peakResident - smaller.residentBefore : 0;
                    double perAgent = growthPerAgent(previous.n, grown, two ? smaller.n : 0, smallerGrown);
                    estimate = Memory.resident() + grown + perAgent * (n - previous.n);
                    basis = two ? String.format("%s per agent from N = %d to %d, extrapolated", Memory.bytes((long) perAgent), smaller.n, previous.n)
                            : String.format("%s more than the JVM held at N = %d, scaled", Memory.bytes(grown), previous.n);
                }
                if (estimate > ram) {
                    out.printf("%-20s %8d  skipped: would need about %s (%s), this machine has %s%n",
                            b, n, Memory.bytes((long) estimate), basis, Memory.bytes(ram));
                    ObjectNode skip = results.addObject();
                    skip.put("box", "bench/boxes/" + b + ".box");
                    skip.put("agents", n);
                    skip.put("skipped", "estimated memory " + (long) estimate + " bytes > " + ram);
                    save(dir, report);
                    continue;
                }
                Row r = runBox(registry, boxDir.resolve(b + ".box"), b, n, w, t, bandwidth, err);
                if (r == null) return Main.BAD_INPUT;
                Memory.settle(); // the box's memory goes before a baseline's comes
                for (String impl : baselines) {
                    // the baselines implement the four standard boxes, as written
                    if (impl.equals("none") || n > baselineMax || !BASELINE_BOXES.contains(b) || !sets.isEmpty()) continue;
                    JsonNode base = baseline(impl, root, b, n, w, t, err);
                    if (base != null) r.baselines.put(impl, base);
                }
                rows.add(r);
                smaller = previous;
                previous = r;
                out.println(r.line());
                out.flush();
                results.add(r.json());
                save(dir, report);
            }
        }
        out.println();
        out.println("roof: the bytes a tick must move (weights, accounting, notes: the agents' state) per second, as a share of the");
        out.println("measured bandwidth. scratch/tk: the temporaries a tick allocates (situations, predictions, gradients); where a");
        out.println("tick runs a tile of agents at a time (*: more agents than a tile, nothing in the tick coupling them), one tile's.");
        out.println("f: the tick's proposals, judge and learning ran as one fused pass per agent (no situations materialised).");
        agreement(rows, out);
        out.println();
        out.println("numbers, seed, versions, settings: " + dir.resolve("bench.json"));
        return Main.OK;
    }

    private static void save(Path dir, ObjectNode report) throws IOException {
        AtomicFiles.write(dir.resolve("bench.json"), JSON.writeValueAsString(report));
    }

    private Path out(Path root) {
        if (out != null) return out;
        return root.resolve("runs/bench").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** One box at one size: built and pretrained (untimed), {@code warmup} ticks, then {@code t} ticks timed one by one. */
    private Row runBox(PluginRegistry registry, Path file, String name, int n, int warmup, int t, double bandwidth, PrintWriter err) throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>(sets);
        overrides.put("llm.count", String.valueOf(n));
        if (seed != null) overrides.put("seed", String.valueOf(seed));
        ScenarioCompiler.Compilation c;
        try {
            c = Recipe.compile(new ScenarioLoader(registry), file, overrides);
        } catch (IllegalArgumentException e) {
            err.println("--set: " + e.getMessage());
            err.flush();
            return null;
        }
        if (!c.ok()) {
            err.print(c.diagnostics().render());
            err.flush();
            return null;
        }
        ScenarioModel model = c.model().get();
        Memory.settle();
        Memory.reset();
        long residentBefore = Memory.resident();
        long before = residentBefore - Memory.heapCommitted();
        Box box = new Box(model, registry, List.of(), 0, !unfused && org.sealedbox.runtime.box.Fusing.enabled());
        long b0 = System.nanoTime();
        box.start();
        double buildSeconds = (System.nanoTime() - b0) / 1e9;
        long stateOffHeap = Memory.resident() - Memory.heapCommitted() - before;
        for (int i = 0; i < warmup; i++) box.step();
        double[] perTick = new double[t];
        for (int i = 0; i < t; i++) {
            long s0 = System.nanoTime();
            box.step();
            perTick[i] = (System.nanoTime() - s0) / 1e9;
        }
        long scratch = scratchPerTick();
        MetricsRow end = box.measureNow();
        Traffic traffic = Traffic.of(box, "llm");
        Row r = new Row(name, n, warmup, t, model.box().seed(), perTick, traffic, scratch, bandwidth, buildSeconds, Memory.peakHeap(),
                Memory.peakResident() - Memory.heapCommitted(), stateOffHeap, residentBefore, end.values(), box.agentsPerTile());
        r.fused = box.fusedPasses().get("llm");
        box.finish();
        return r;
    }

    /** Ticks timed at {@code n} agents: {@code --ticks}, or by default 2·10^5 agent-ticks, between 3 and 100 ticks. */
    static int timedTicks(int ticks, int n) {
        return ticks > 0 ? ticks : (int) Math.max(3, Math.min(100, Math.ceil(2e5 / n)));
    }

    /** Untimed ticks before {@code timed} timed ones: {@code --warmup}, or by default half as many, at least 3. */
    static int warmupTicks(Integer warmup, int timed) {
        return warmup != null ? warmup : Math.max(3, timed / 2);
    }

    /**
     * How much more resident memory each further agent needs, from the growth measured at {@code prevN} agents
     * ({@code prevGrown} bytes): with a smaller size measured too ({@code smallerN} > 0), the growth per agent between the
     * two, so that the fixed costs of the JVM and ND4J are not scaled; otherwise the whole growth at {@code prevN} per agent.
     */
    static double growthPerAgent(long prevN, long prevGrown, long smallerN, long smallerGrown) {
        return smallerN > 0 && prevN > smallerN ? Math.max(0, prevGrown - smallerGrown) / (double) (prevN - smallerN)
                : prevGrown / (double) prevN;
    }

    /**
     * Bytes the last tick allocated in its scratch workspaces (every temporary tensor of the tick): its pass's, and, when
     * it ran in tiles of agents, the last tile's (each tile reuses the memory of the one before).
     */
    private static long scratchPerTick() {
        long bytes = 0;
        for (String id : List.of(Box.PASS, Box.TILE)) {
            MemoryWorkspace ws = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(org.sealedbox.runtime.spi.Scratch.workspace(id));
            if (ws != null) bytes += ws.getLastCycleAllocations();
        }
        return bytes;
    }

    private JsonNode baseline(String impl, Path root, String box, int n, int warmup, int t, PrintWriter err) throws Exception {
        String model = box.contains("mlp") ? "mlp" : "linear";
        boolean notes = box.contains("notes");
        long s = seed != null ? seed : 7;
        if (impl.equals("objects")) {
            System.gc();
            return JSON.readTree(ObjectLoop.run(new ObjectLoop.Config(model, notes, n, warmup, t, s)).toJson());
        }
        if (!impl.equals("numpy")) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown baseline: " + impl);
        List<String> cmd = new ArrayList<>(List.of("python3", root.resolve("bench/numpy_box.py").toString(), "--agents", String.valueOf(n),
                "--model", model, "--warmup", String.valueOf(warmup), "--ticks", String.valueOf(t), "--seed", String.valueOf(s)));
        if (notes) cmd.add("--notes");
        Path log = Files.createTempFile("numpy-box", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            err.println("sealedbox bench: cannot start the NumPy baseline (python3 with numpy, e.g. Debian's python3-numpy): " + e.getMessage());
            return null;
        }
        String text = new String(p.getInputStream().readAllBytes());
        String said = Files.readString(log);
        Files.deleteIfExists(log);
        if (p.waitFor() != 0) {
            err.println("sealedbox bench: the NumPy baseline failed (exit " + p.exitValue() + "): " + String.join(" ", cmd));
            err.print(said);
            return null;
        }
        return JSON.readTree(text.strip());
    }

    /** Whether each baseline computed the same seed-free numbers as sealedbox (different random streams: within noise). */
    private static void agreement(List<Row> rows, PrintWriter out) {
        out.println();
        out.println("the same box, the same numbers (end of the timed ticks; mean over agents; each with its own random streams):");
        out.printf("%-20s %8s %-9s %15s %15s %15s  %s%n", "box", "N", "impl", "accuracy(human)", "accuracy(new)", "drift", "agree");
        for (Row r : rows) {
            out.printf("%-20s %8d %-9s %15.4f %15.4f %15.4f%n", r.box, r.n, "sealedbox", r.end.get("accuracy(human)"),
                    r.end.get("accuracy(new)"), r.end.get("drift"));
            r.baselines.forEach((impl, b) -> out.printf("%-20s %8d %-9s %15.4f %15.4f %15.4f  %s%n", "", r.n, impl,
                    b.get("accuracy_human").asDouble(), b.get("accuracy_new").asDouble(), b.get("drift").asDouble(),
                    r.box.startsWith("mlp") ? Agreement.of(r.end, b).deltas() + " one seed of an mlp: see below" : Agreement.of(r.end, b).verdict()));
        }
        if (rows.stream().anyMatch(r -> r.box.startsWith("mlp") && !r.baselines.isEmpty())) {
            out.println("an mlp population is copies of one pretrained model from a random start, so one seed's accuracies vary by about");
            out.println("±0.04 (accuracy(new)) whatever N is: compare the mlp over seeds (docs/performance.md), not in one run.");
        }
    }

    /** Within tolerance: accuracies within 0.01, drift within 5% of sealedbox's (or 0.002 when both are about 0). */
    record Agreement(double dHuman, double dNew, double dDrift, boolean ok) {
        static Agreement of(Map<String, Double> end, JsonNode b) {
            double dh = b.get("accuracy_human").asDouble() - end.get("accuracy(human)");
            double dn = b.get("accuracy_new").asDouble() - end.get("accuracy(new)");
            double drift = end.get("drift");
            double dd = b.get("drift").asDouble() - drift;
            boolean ok = Math.abs(dh) <= 0.01 && Math.abs(dn) <= 0.01 && Math.abs(dd) <= Math.max(0.002, 0.05 * Math.abs(drift));
            return new Agreement(dh, dn, dd, ok);
        }

        String verdict() {
            return (ok ? "yes " : "NO ") + deltas();
        }

        String deltas() {
            return String.format("(Δ %+.4f, %+.4f, %+.4f)", dHuman, dNew, dDrift);
        }
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException ignored) {
            // not Linux: no model name
        }
        return System.getProperty("os.arch");
    }

    /** One box at one size: what it measured. */
    static final class Row {
        final String box;
        final int n, warmup, ticks;
        final long seed;
        final double[] perTick;
        final Traffic traffic;
        final long scratch, peakHeap, peakOffHeap, stateOffHeap, peakResident, residentBefore, agentsPerTile;
        final double bandwidth, buildSeconds;
        final Map<String, Double> end;
        final Map<String, JsonNode> baselines = new LinkedHashMap<>();
        /** What the tick's fused pass fused, or null when it ran as ops over whole tensors. */
        String fused;

        Row(String box, int n, int warmup, int ticks, long seed, double[] perTick, Traffic traffic, long scratch, double bandwidth, double buildSeconds,
            long peakHeap, long peakOffHeap, long stateOffHeap, long residentBefore, Map<String, Double> end, long agentsPerTile) {
            this.agentsPerTile = agentsPerTile;
            this.box = box;
            this.n = n;
            this.warmup = warmup;
            this.ticks = ticks;
            this.seed = seed;
            this.perTick = perTick;
            this.traffic = traffic;
            this.scratch = scratch;
            this.bandwidth = bandwidth;
            this.buildSeconds = buildSeconds;
            this.peakHeap = peakHeap;
            this.peakOffHeap = peakOffHeap;
            this.stateOffHeap = stateOffHeap;
            this.peakResident = Memory.peakResident();
            this.residentBefore = residentBefore;
            this.end = end;
        }

        double seconds() {
            double s = 0;
            for (double d : perTick) s += d;
            return s;
        }

        double agentTicksPerSecond() {
            return (double) n * ticks / seconds();
        }

        double roofline() {
            return traffic.bytesPerTick() / (seconds() / ticks) / bandwidth;
        }

        double ratio(String impl) {
            JsonNode b = baselines.get(impl);
            return b == null ? Double.NaN : agentTicksPerSecond() / b.get("agent_ticks_per_second").asDouble();
        }

        String line() {
            return String.format("%-20s %8d%-2s %3d %9.2f %13s %11s %5.1f%% %11s %10s %10s %9s %8s %8s", box, n, (agentsPerTile > 0 ? "*" : "") + (fused != null ? "f" : ""), ticks, 1e3 * seconds() / ticks,
                    String.format("%,.0f", agentTicksPerSecond()), Memory.bytes(traffic.bytesPerTick()), 100 * roofline(),
                    Memory.bytes(scratch), Memory.bytes(peakHeap), Memory.bytes(peakOffHeap), Memory.bytes(traffic.stateBytes() / n),
                    times(ratio("numpy")), times(ratio("objects")));
        }

        private static String times(double r) {
            return Double.isNaN(r) ? "–" : String.format("%.1f×", r);
        }

        ObjectNode json() {
            ObjectNode o = JSON.createObjectNode();
            o.put("box", "bench/boxes/" + box + ".box");
            o.put("agents", n);
            o.put("seed", seed);
            o.put("warmup", warmup);
            o.put("ticks", ticks);
            o.put("build_seconds", buildSeconds);
            ArrayNode t = o.putArray("tick_seconds");
            for (double d : perTick) t.add(d);
            o.put("agent_ticks_per_second", agentTicksPerSecond());
            o.put("state_bytes_per_tick", traffic.bytesPerTick());
            o.put("roofline_share", roofline());
            o.put("scratch_bytes_per_tick", scratch);
            if (agentsPerTile > 0) o.put("agents_per_tile", agentsPerTile); // a tick ran a tile of agents at a time
            if (fused != null) o.put("fused", fused); // its proposes/selects pair ran as one pass per agent
            o.put("peak_heap_bytes", peakHeap);
            o.put("peak_off_heap_bytes", peakOffHeap);
            o.put("peak_resident_bytes", peakResident);
            o.put("state_bytes", traffic.stateBytes());
            o.put("state_bytes_per_agent", traffic.stateBytes() / n);
            o.put("off_heap_after_build_bytes", stateOffHeap);
            o.putPOJO("end", end);
            ObjectNode b = o.putObject("baselines");
            baselines.forEach((impl, node) -> {
                ObjectNode copy = node.deepCopy();
                copy.put("ratio", ratio(impl));
                copy.put("agrees", Agreement.of(end, node).ok());
                b.set(impl, copy);
            });
            return o;
        }
    }

    /**
     * Peak heap (the JVM's heap pools) and peak off-heap memory: the process's peak resident set (Linux's VmHWM, reset
     * before each box by writing 5 to /proc/self/clear_refs) less the heap committed — ND4J's buffers and workspaces
     * live off the heap.
     */
    static final class Memory {
        /**
         * Lets the previous box's memory go: its scratch workspaces are destroyed, and ND4J frees a buffer on its own thread
         * after the garbage collector finds its array unreachable, so the resident set falls some time after
         * {@code System.gc()}.
         */
        static void settle() {
            // the scratch memory of the previous box's passes: reused, it would count as this box's
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            long last = Long.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                System.gc();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long now = resident();
                if (now > last - (16 << 20)) return; // stopped falling
                last = now;
            }
        }

        static void reset() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            } catch (IOException | RuntimeException ignored) {
                // not Linux: the peak is the process's since it started
            }
        }

        /** The process's peak resident set in bytes (0 where /proc is missing). */
        static long peakResident() {
            return status("VmHWM:");
        }

        static long resident() {
            return status("VmRSS:");
        }

        private static long status(String key) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(key)) return 1024 * Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
                }
            } catch (IOException | RuntimeException ignored) {
                // not Linux
            }
            return 0;
        }

        static long heapCommitted() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        }

        static long peakHeap() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
            }
            return sum;
        }

        static String bytes(long b) {
            if (b < 10_000) return b + " B";
            if (b < 10_000_000) return String.format("%.1f kB", b / 1e3);
            if (b < 10_000_000_000L) return String.format("%.1f MB", b / 1e6);
            return String.format("%.1f GB", b / 1e9);
        }
    }
}
