package org.sealedbox.bench.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.ir.MeasurePlan;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.ScenarioLoader;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.Population;
import org.sealedbox.runtime.spi.Judge;
import org.sealedbox.runtime.spi.JudgeFactory;
import org.sealedbox.runtime.spi.Measure;
import org.sealedbox.runtime.spi.MeasureFactory;
import org.sealedbox.runtime.spi.Proposals;
import org.sealedbox.runtime.spi.World;
import org.sealedbox.runtime.wiring.PluginRegistry;
import org.sealedbox.runtime.wiring.Wiring;

/**
 * The bench's box, built as the engine builds it, for the kernel benchmarks: a variant of the file with N agents (as
 * {@code sealedbox bench --set llm.count=N} makes it) whose only measure is {@code drift}, a {@link Box} of it on the
 * installed plugins' registry ({@link Wiring#registry()}), started (world built, population pretrained, the tick-0
 * measurement) and run for a tick, so that the weights have moved from the pretrained ones. Every object a benchmark
 * times is the engine's own: the world, model and judges come from the plugin factories as {@code Box.build()} makes
 * them, and the measures from their factories with the parameters the file gives them.
 *
 * <p>Why a variant: the box measures at its start, and the file's {@code accuracy(human) accuracy(new)} on the mlp
 * population cost a minute at N = 10000 (every agent on the 1536 held-out situations, twice); the variant's
 * {@code measure} block replaces the file's ({@code extends} semantics), so the start measures only {@code drift}.
 */
final class KernelBox {
    /** The system property that says where the bench's boxes are (Kernels passes it to its forks). */
    static final String BOXES = "sealedbox.bench.boxes";
    static final String POPULATION = "llm", JUDGE = "seems_right";
    static final int WARM_TICKS = 1;

    final PluginRegistry registry;
    /** The bench's box as its file says (with N agents): the measures' parameters. */
    final ScenarioModel declared;
    /** The variant the box runs. */
    final ScenarioModel scenario;
    final Box box;
    final World world;
    final Population population;
    /** One tick's proposals of the population, as its {@code proposes} statement makes them (outside any scratch pass). */
    final Proposals proposals;
    /** The box's own judge ({@code self_confidence threshold 0.5}) on those proposals: the training batch's mask and labels. */
    final Judge.Verdict verdict;
    /** The learner's step size ({@code sft lr}). */
    final double lr;

    private KernelBox(String model, int n) {
        this(model, n, true);
    }

    private KernelBox(String model, int n, boolean fuse) {
        registry = Wiring.registry();
        Path file = boxes().resolve(switch (model) {
            case "linear" -> "whatever-seems-right.box";
            case "mlp" -> "mlp.box";
            default -> throw new IllegalArgumentException("model " + model + ": linear or mlp");
        });
        ScenarioLoader loader = new ScenarioLoader(registry);
        try {
            declared = ok(file.toString(), Recipe.compile(loader, file, Map.of(POPULATION + ".count", String.valueOf(n))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scenario = ok(file + " (kernels variant)", loader.load(variant(file, declared, n)));
        box = new Box(scenario, registry, List.of(), 0, fuse);
        box.start();
        for (int t = 0; t < WARM_TICKS; t++) box.step();
        world = box.world();
        population = box.population(POPULATION);
        TickStatement.Propose p = scenario.program().stream()
                .filter(s -> s instanceof TickStatement.Propose).map(s -> (TickStatement.Propose) s).findFirst().orElseThrow();
        proposals = box.propose(POPULATION, p.count(), p.target(), p.params().real("noise"));
        verdict = box.judge(JUDGE).judge(proposals, box.context(JUDGE, POPULATION));
        lr = population.spec().learner().params().real("lr");
    }

    /** The box with model {@code linear} or {@code mlp} (64 hidden units) and {@code n} agents, started and warm. */
    static KernelBox of(String model, int n) {
        return new KernelBox(model, n);
    }

    /** The same, its ticks run as a fused pass where a kernel computes them ({@code fuse}), or as ND4J ops. */
    static KernelBox of(String model, int n, boolean fuse) {
        return new KernelBox(model, n, fuse);
    }

    /** The judge {@code name} with its default parameters, from the registry (as a scenario naming it bare gets it). */
    Judge judge(String name) {
        JudgeFactory f = registry.factory(PluginKind.JUDGE, name, JudgeFactory.class);
        return f.create(ParamValues.defaults(f.schema()));
    }

    /** The box's first measure of plugin {@code plugin} ({@code accuracy(human)}, {@code drift}), from its factory. */
    Measure measure(String plugin) {
        MeasurePlan.MeasureSpec m = declared.measures().measures().stream()
                .filter(s -> s.plugin().name().equals(plugin)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the bench's box measures no " + plugin));
        return registry.factory(PluginKind.MEASURE, m.plugin().name(), MeasureFactory.class).create(m.plugin().params());
    }

    /** The box's file with N agents and only {@code drift} measured (see the class comment). */
    private static Source variant(Path file, ScenarioModel declared, int n) {
        String name = declared.name().replace("\\", "\\\\").replace("\"", "\\\"");
        String text = "import \"" + file.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n"
                + "scenario \"" + name + "\" extends \"" + name + "\" {\n"
                + "  agents " + POPULATION + " count " + n + " { }\n"
                + "  measure every 1000 years { drift }\n"
                + "}\n";
        return new Source(file.getFileName() + " (kernels, N = " + n + ")", text);
    }

    private static ScenarioModel ok(String what, ScenarioCompiler.Compilation c) {
        if (!c.ok()) throw new IllegalStateException(what + " does not compile:\n" + c.diagnostics().render());
        return c.model().orElseThrow();
    }

    /** The bench's boxes: property {@value #BOXES}, else {@code bench/boxes} (or {@code boxes}) here or in a parent folder. */
    static Path boxes() {
        String given = System.getProperty(BOXES);
        if (given != null) return Path.of(given);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("bench/boxes"), dir.resolve("boxes"))) {
                if (Files.isRegularFile(candidate.resolve("whatever-seems-right.box"))) return candidate;
            }
        }
        throw new IllegalStateException("cannot find the bench's boxes (bench/boxes/whatever-seems-right.box) from "
                + Path.of("").toAbsolutePath() + "; set -D" + BOXES + "=DIR");
    }
}
