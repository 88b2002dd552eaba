package org.sealedbox.runtime.box;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.ir.MeasurePlan;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.runtime.spi.*;
import org.sealedbox.runtime.wiring.PluginRegistry;

/**
 * The sealed box: {@code start → step* → finish}, in the manner of MASON's SimState. It owns the run's
 * random streams, the world and the populations; every tick it runs the scenario's tick program in order,
 * and it takes the measures at tick 0, every {@code measure every} ticks, and at the last tick.
 */
public final class Box {
    private final ScenarioModel scenario;
    private final PluginRegistry registry;
    private final List<BoxListener> listeners;
    private final RandomStreams streams;
    private World world;
    private final Map<String, Population> populations = new LinkedHashMap<>();
    private final Map<String, Judge> judges = new HashMap<>();
    private final Map<String, Measure> measures = new LinkedHashMap<>();
    private final List<MetricsRow> rows = new ArrayList<>();
    /** Per population: the scenario's objectives, as judges scoring that population's proposals see them. */
    private final Map<String, ObjectiveEvaluator> objectives = new HashMap<>();
    /** Per {@code imitates} statement: its efficacy hypothesis. */
    private final Map<TickStatement.Imitate, Efficacy> efficacies = new HashMap<>();
    /** Whether any measure reads what judges accepted (then each selection is scored: truth and proxy). */
    private boolean tracksAccepted;
    private long tick;
    /** Agents per tile when a tick runs over tiles of agents (see {@link #tiling}); 0 when it runs on whole populations. */
    private long tile;
    /** The tile size asked for: 0 chooses one from the tick's size ({@link #TILE_FLOATS}). */
    private final long tileAsked;
    /** Whether {@code proposes} and {@code selects} pairs may run as a {@link FusedTick} where a kernel computes them. */
    private final boolean fuse;
    /** The fused passes, by the {@code proposes} statement whose pair each one runs (see {@link #fusing}). */
    private final Map<TickStatement.Propose, FusedTick.Pass> fused = new LinkedHashMap<>();

    /**
     * Floats of situations in one tile of a tick (2^24, 64 MiB): a tick's scratch memory is about 1.6 times its
     * situations [N, P, D], so a tile of agents needs about 100 MiB however many agents there are.
     */
    static final long TILE_FLOATS = 1L << 24;
    /** The fewest agents per tile: fewer would spend a tick on the fixed cost of each op, once per tile. */
    static final long MIN_TILE = 4096;

    public Box(ScenarioModel scenario, PluginRegistry registry, List<BoxListener> listeners) {
        this(scenario, registry, listeners, 0);
    }

    /**
     * @param agentsPerTile how many agents a tick runs on at a time where the tick allows it (see {@link #tiling}); 0
     *                      chooses from the tick's size, as every run does (tests ask for small tiles)
     */
    public Box(ScenarioModel scenario, PluginRegistry registry, List<BoxListener> listeners, long agentsPerTile) {
        this(scenario, registry, listeners, agentsPerTile, Fusing.enabled());
    }

    /**
     * @param fuse whether a tick may run {@code proposes}/{@code selects} pairs as fused passes where a kernel computes
     *             exactly their physics (see {@link #fusing}); false runs every statement as ops over whole tensors
     */
    public Box(ScenarioModel scenario, PluginRegistry registry, List<BoxListener> listeners, long agentsPerTile, boolean fuse) {
        this.fuse = fuse;
        this.tileAsked = agentsPerTile;
        this.scenario = scenario;
        this.registry = registry.forScenario(scenario); // with the scenario's scripts and neighbouring plugin jars
        this.listeners = List.copyOf(listeners);
        this.streams = new RandomStreams(scenario.box().seed());
    }

    public ScenarioModel scenario() {
        return scenario;
    }

    public long tick() {
        return tick;
    }

    public List<MetricsRow> rows() {
        return List.copyOf(rows);
    }

    public World world() {
        return world;
    }

    /** Whether this box may run fused passes at all (see {@link Fusing}). */
    public boolean fuses() {
        return fuse;
    }

    /**
     * The populations whose {@code proposes}/{@code selects} pair runs as a fused pass, each with what the pass fuses
     * (known once the box is built; empty when none does).
     */
    public Map<String, String> fusedPasses() {
        Map<String, String> out = new LinkedHashMap<>();
        fused.forEach((p, pass) -> out.put(p.population(), pass.describe()));
        return out;
    }

    /** Agents per tile of a tick, or 0 when a tick runs on whole populations (known once the box is built). */
    public long agentsPerTile() {
        return tile;
    }

    public Population population(String name) {
        return populations.get(name);
    }

    /** The judge a scenario names {@code name} (built at {@link #start}). */
    public Judge judge(String name) {
        return judges.get(name);
    }

    /** The scenario's objectives as judges scoring population {@code population}'s proposals see them. */
    public Objectives objectives(String population) {
        return objectives.get(population);
    }

    /** What a judge may consult when it judges proposals of {@code population}, with its own random stream. */
    public Judge.Context context(String judge, String population) {
        return context(judge, populations.get(population), objectives.get(population));
    }

    /** What judge {@code judge} may consult when it judges {@code pop}'s proposals (a population, or a tile of one). */
    private Judge.Context context(String judge, Population pop, ObjectiveEvaluator outcomes) {
        return new Judge.Context(world, pop, streams.stream("judge:" + judge), outcomes);
    }

    /** One tick's proposals of a population, as {@code pop proposes count at target noise s} would make them. */
    public Proposals propose(String population, int count, TickStatement.Target target, double noise) {
        return propose(populations.get(population), count, target, noise, 0);
    }

    private Proposals propose(Population pop, int count, TickStatement.Target target, double noise, double focus) {
        return Proposer.propose(pop, world, count, target, noise, focus,
                streams.stream("proposals:" + pop.name()), streams.stream("temptations:" + pop.name()));
    }

    public boolean done() {
        return tick >= scenario.box().ticks();
    }

    /** Builds the world, pretrains every population, and takes the first measurement (tick 0). */
    public void start() {
        build();
        tick = 0;
        listeners.forEach(l -> l.started(this));
        pass(this::measure);
    }

    /**
     * Rebuilds the box and puts back the state a {@link #snapshot} saved: it goes on from that tick as if it had never
     * stopped (the same numbers, bit for bit). Listeners hear {@link BoxListener#resumed} instead of {@code started}.
     */
    public void resume(Snapshot saved) {
        build();
        Map<String, Object> restored = saved.restore(state());
        tick = (Long) restored.get("tick");
        listeners.forEach(l -> l.resumed(this));
    }

    /** The full state after the current tick: tensors, random streams, the clock and everything measured so far. */
    public Snapshot snapshot() {
        return Snapshot.capture(state());
    }

    /** What a snapshot holds: everything that changes as the box runs (its configuration is rebuilt from the scenario). */
    private Map<String, Object> state() {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("tick", tick);
        roots.put("rows", rows);
        roots.put("streams", streams);
        roots.put("world", world);
        roots.put("populations", populations);
        roots.put("judges", judges);
        roots.put("measures", measures);
        int i = 0;
        for (TickStatement s : scenario.program()) {
            if (s instanceof TickStatement.Imitate im) roots.put("efficacy" + i++, efficacies.get(im));
        }
        return roots;
    }

    /** The world, the populations (pretrained), judges, measures and efficacies: the box before its first tick. */
    private void build() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        world = registry.factory(PluginKind.WORLD, scenario.world().name(), WorldFactory.class)
                .create(scenario.world().params(), streams);
        for (PopulationSpec spec : scenario.populations()) {
            ModelFactory models = registry.factory(PluginKind.MODEL, spec.model().name(), ModelFactory.class);
            java.util.function.IntFunction<Model> fresh = n -> models.create(n, world, spec.model().params(), streams.stream("model:" + spec.name()));
            Pretrainer pretrainer = registry.factory(PluginKind.PRETRAIN, spec.pretrain().name(), PretrainFactory.class)
                    .create(spec.pretrain().params());
            Learner learner = registry.factory(PluginKind.LEARNER, spec.learner().name(), LearnerFactory.class)
                    .create(spec.learner().params());
            Confidence confidence = registry.factory(PluginKind.CONFIDENCE, spec.confidence().name(), ConfidenceFactory.class)
                    .create(spec.confidence().params());
            populations.put(spec.name(), new Population(spec, fresh, pretrainer, learner, confidence, world, streams));
        }
        scenario.judges().forEach((name, j) -> judges.put(name, j.plugin() != null
                ? registry.factory(PluginKind.JUDGE, j.plugin().name(), JudgeFactory.class).create(j.plugin().params())
                : new CombinedJudge(j.combination().op().equals("all"), j.combination().judges().stream().map(judges::get).toList())));
        for (MeasurePlan.MeasureSpec m : scenario.measures().measures()) {
            measures.put(m.key(), registry.factory(PluginKind.MEASURE, m.plugin().name(), MeasureFactory.class)
                    .create(m.plugin().params()));
        }
        tracksAccepted = measures.values().stream().anyMatch(Measure::readsAccepted);
        for (Population pop : populations.values()) objectives.put(pop.name(), evaluator(pop));
        for (TickStatement s : scenario.program()) {
            if (s instanceof TickStatement.Propose p && populations.get(p.population()).explorationNoise() == 0) {
                // the noise each population answers with, known before it first proposes
                populations.get(p.population()).proposedWith(p.params().real("noise"));
            } else if (s instanceof TickStatement.Imitate im) {
                var use = im.params().plugin("efficacy");
                efficacies.put(im, registry.factory(PluginKind.EFFICACY, use.name(), EfficacyFactory.class).create(use.params()));
            }
        }
        tile = tiling();
        fusing();
    }

    /** The fused kernels on sealedbox's class path, loaded when a box is first built ({@code check} never loads them). */
    private static final class Kernels {
        static final List<FusedTick> ALL = java.util.ServiceLoader.load(FusedTick.class, Box.class.getClassLoader()).stream()
                .map(java.util.ServiceLoader.Provider::get).toList();
    }

    /**
     * Which {@code proposes}/{@code selects} pairs run fused: a population's {@code proposes} directly followed by the
     * only {@code selects} of its proposals, into its own weights, when nothing measures what judges accepted and the
     * population has neither notes nor a shortcut policy, and a kernel computes exactly that combination of plugins.
     * The kernel draws what the statements would draw, so a fused run agrees with an unfused one to rounding.
     */
    private void fusing() {
        fused.clear();
        if (!fuse || tracksAccepted) return;
        List<TickStatement> program = scenario.program();
        for (int i = 0; i + 1 < program.size(); i++) {
            if (!(program.get(i) instanceof TickStatement.Propose p) || !(program.get(i + 1) instanceof TickStatement.Select sel)) continue;
            String name = p.population();
            long selects = program.stream().filter(s -> s instanceof TickStatement.Select o && o.from().equals(name)).count();
            Population pop = populations.get(name);
            if (selects != 1 || !sel.from().equals(name) || !sel.into().equals(name)
                    || sel.channel() != TickStatement.Channel.WEIGHTS || !pop.plain()) continue;
            FusedTick.Plan plan = new FusedTick.Plan(world, pop, pop.model(), pop.confidence(), judges.get(sel.judge()),
                    pop.learner(), p.count(), p.target(), p.params().real("noise"), p.params().real("focus"));
            for (FusedTick kernel : Kernels.ALL) {
                FusedTick.Pass pass = kernel.plan(plan);
                if (pass != null) {
                    fused.put(p, pass);
                    break;
                }
            }
        }
    }

    /** The scenario's objectives as judges scoring {@code pop}'s proposals see them (with {@code pop} in their context). */
    private ObjectiveEvaluator evaluator(Population pop) {
        ObjectiveEvaluator[] self = new ObjectiveEvaluator[1];
        self[0] = new ObjectiveEvaluator(scenario.objectives(), judges, world,
                judge -> new Judge.Context(world, pop, streams.stream("score:" + judge), self[0]));
        return self[0];
    }

    /**
     * Agents per tile of a tick, or 0. A tick runs its program a tile of agents at a time (the same statements, on
     * agents [0, t), then [t, 2t), …) when nothing in it couples agents: every population has as many agents and
     * {@link Population#tiles can run in tiles}, every selecting judge is {@link Judge#agentLocal agent-local}, no
     * {@code imitates}, and no measure reads what judges accepted. Then the tick's scratch memory is one tile's, not
     * the whole population's (at 1e6 agents, 20 GB), and each tile's scratch is reused by the next. The random streams
     * are drawn tile after tile, so a tiled tick draws other numbers than a whole one: the tile size is part of what a
     * run is (recorded in {@code resolved.json}), chosen from the scenario alone (never from the machine), and no tick
     * of fewer than {@link #MIN_TILE} agents per population is tiled.
     */
    private long tiling() {
        if (tracksAccepted || populations.isEmpty()) return 0;
        long n = agentsOfFirst();
        int proposals = 1;
        for (Population pop : populations.values()) {
            if (pop.spec().count() != n || !pop.tiles()) return 0;
        }
        for (TickStatement s : scenario.program()) {
            if (s instanceof TickStatement.Imitate) return 0;
            if (s instanceof TickStatement.Select sel && !judges.get(sel.judge()).agentLocal()) return 0;
            if (s instanceof TickStatement.Propose p) proposals = Math.max(proposals, p.count());
        }
        long size = tileAsked > 0 ? tileAsked : Math.max(MIN_TILE, TILE_FLOATS / ((long) proposals * world.dims()));
        if (n <= size) return 0;
        long tiles = (n + size - 1) / size;
        return (n + tiles - 1) / tiles; // tiles of as even a size as can be
    }

    /** How many agents the first population has. */
    private long agentsOfFirst() {
        return populations.values().iterator().next().spec().count();
    }

    /** One tick of the program. Throws {@link Divergence} when a population's weights stop being finite. */
    public void step() {
        tick++;
        pass(this::program);
        // measured before the agents age, so that a measurement on the tick a lifetime ends sees the agents that
        // lived it (their state when they die), not their fresh successors
        long every = scenario.measures().everyTicks();
        if (tick % every == 0 || done()) pass(this::measure);
        populations.values().forEach(Population::age);
        long generationEvery = scenario.generations().everyTicks();
        if (generationEvery > 0 && tick % generationEvery == 0 && !done()) {
            for (var g : scenario.generations().populations()) {
                populations.get(g.population()).regenerate(g.params().choice("corpus").name().equals("accumulate"),
                        g.params().real("fresh"));
            }
        }
        listeners.forEach(l -> l.ticked(this, tick));
    }

    /**
     * The scratch memory of a tick and of a measurement: one workspace for both, so that the box holds the larger of
     * the two, not their sum (at 1e5 agents with notes, 4.7 GB a tick beside the measurement's own).
     */
    public static final String PASS = "pass";

    /**
     * One pass in scratch memory. Adapted models cached during it live in that memory, so every population forgets
     * them when the pass begins and ends.
     */
    private void pass(Runnable body) {
        Scratch.run(PASS, () -> {
            populations.values().forEach(Population::invalidate);
            try {
                body.run();
            } finally {
                populations.values().forEach(Population::invalidate);
            }
        });
    }

    /** The scratch memory of one tile of a tick, inside the tick's {@link #PASS}, reused by the next tile. */
    public static final String TILE = "tile";

    private void program() {
        if (tile == 0) {
            program(populations, objectives);
            return;
        }
        long n = agentsOfFirst(); // of every population, when a tick runs in tiles
        for (long from = 0; from < n; from += tile) {
            long lo = from, hi = Math.min(n, from + tile);
            Scratch.run(TILE, () -> {
                Map<String, Population> part = new LinkedHashMap<>();
                Map<String, ObjectiveEvaluator> outcomes = new HashMap<>();
                populations.forEach((name, pop) -> {
                    Population t = pop.tile(lo, hi);
                    part.put(name, t);
                    outcomes.put(name, evaluator(t));
                });
                program(part, outcomes);
            });
        }
    }

    /** The program on {@code pops} (the populations, or one tile of each) with their objectives. */
    private void program(Map<String, Population> pops, Map<String, ObjectiveEvaluator> outcomes) {
        Map<String, Proposals> proposed = new HashMap<>();
        List<TickStatement> program = scenario.program();
        for (int i = 0; i < program.size(); i++) {
            TickStatement s = program.get(i);
            if (s instanceof TickStatement.Propose p && fused.containsKey(p)) {
                Population pop = pops.get(p.population());
                boolean finite = fused.get(p).run(pop, streams.stream("proposals:" + pop.name()), streams.stream("learner:" + pop.name()));
                pop.proposedWith(p.params().real("noise"));
                pop.invalidate();
                if (!finite) checkFinite(pop);
                i++; // its selects ran in the pass
            } else if (s instanceof TickStatement.Propose p) {
                proposed.put(p.population(), propose(pops.get(p.population()), p.count(), p.target(),
                        p.params().real("noise"), p.params().real("focus")));
            } else if (s instanceof TickStatement.Select sel) {
                select(sel, proposed.get(sel.from()), pops, outcomes.get(sel.from()));
            } else if (s instanceof TickStatement.Imitate im) {
                imitate(im);
            }
        }
    }

    private void select(TickStatement.Select sel, Proposals proposals, Map<String, Population> pops, ObjectiveEvaluator outcomes) {
        Population from = pops.get(sel.from());
        Judge.Verdict verdict = judges.get(sel.judge()).judge(proposals, context(sel.judge(), from, outcomes));
        Proposals judged = verdict.chosen() != null ? verdict.chosen() : proposals;
        INDArray accepted = verdict.accepted();
        if (judged.behaviour() != null) { // a caught shortcut is rejected, whatever the judge thought of the answer
            accepted = accepted.mul(judged.behaviour().caught().rsub(1.0));
            verdict = new Judge.Verdict(accepted, verdict.labels(), verdict.chosen(), verdict.proxy());
        }
        if (tracksAccepted) {
            INDArray mask = accepted.castTo(DataType.DOUBLE);
            double count = mask.sumNumber().doubleValue();
            if (count > 0) {
                double gold = outcomes.gold(judged).castTo(DataType.DOUBLE).muli(mask).sumNumber().doubleValue();
                INDArray proxies = verdict.proxy() != null ? verdict.proxy() : outcomes.proxy(sel.judge(), judged);
                double proxy = proxies.castTo(DataType.DOUBLE).muli(mask).sumNumber().doubleValue();
                from.accept(count, gold, proxy);
            }
        }
        Population into = pops.get(sel.into());
        if (sel.channel() == TickStatement.Channel.NOTES) {
            into.note(proposals.x(), verdict.labels(), accepted, streams.stream("notes:" + sel.into()));
        } else if (sel.channel() == TickStatement.Channel.CORPUS) {
            into.addToCorpus(proposals.x(), verdict.labels(), accepted);
        } else {
            into.learner().learn(new Lesson(into.model(), into, proposals, verdict, sel.judge(), outcomes), world,
                    streams.stream("learner:" + sel.into()), into);
            into.invalidate();
            checkFinite(into);
        }
    }

    /** Character training: this tick's share of imitation steps, each scaled per agent by the efficacy hypothesis. */
    private void imitate(TickStatement.Imitate im) {
        Population pop = populations.get(im.population());
        World.Temptations t = world.temptations();
        if (pop.policy() == null || t == null) return;
        double rate = im.params().real("rate");
        long steps = (long) Math.floor(tick * rate + 1e-9) - (long) Math.floor((tick - 1) * rate + 1e-9);
        var rng = streams.stream("imitate:" + im.population());
        for (long i = 0; i < steps; i++) {
            INDArray efficacy = efficacies.get(im).efficacy(pop);
            pop.policy().imitate(t.human(), 0.5, (int) im.params().integer("examples"), im.params().real("lr"), efficacy, rng);
        }
        checkFinite(pop);
    }

    /** Takes the measures now, between ticks (as a scheduled measurement does), and returns their row. */
    public MetricsRow measureNow() {
        pass(this::measure);
        return rows.get(rows.size() - 1);
    }

    public void finish() {
        listeners.forEach(l -> l.finished(this));
    }

    /** Runs the whole box. A divergence ends it early; everything measured before stays in {@link #rows()}. */
    public Divergence run() {
        return run(null);
    }

    /** Runs the box from its start, or from a snapshot when {@code from} is given, to its end or its divergence. */
    public Divergence run(Snapshot from) {
        if (from == null) start();
        else resume(from);
        try {
            while (!done()) step();
            return null;
        } catch (Divergence d) {
            return d.measured(lastLook());
        } finally {
            finish();
        }
    }

    /**
     * After a divergence, the measures once more at the tick it happened (a measure that fails on broken weights is
     * left out): the row shows what the blow-up did, and the divergence names the measures it left non-finite.
     */
    private List<String> lastLook() {
        List<String> broken = new ArrayList<>();
        try {
            pass(this::measure);
            rows.get(rows.size() - 1).values().forEach((k, v) -> {
                if (!Double.isFinite(v)) broken.add(k);
            });
        } catch (RuntimeException e) {
            broken.add("(the measures failed: " + e.getMessage() + ")");
        }
        return broken;
    }

    private void measure() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (MeasurePlan.MeasureSpec m : scenario.measures().measures()) {
            values.put(m.key(), measures.get(m.key()).measure(populations.get(m.population()), world));
        }
        populations.values().forEach(Population::measured);
        MetricsRow row = new MetricsRow(tick, scenario.box().time(tick), values);
        rows.add(row);
        listeners.forEach(l -> l.measured(this, row));
    }

    private void checkFinite(Population pop) {
        List<INDArray> tensors = new ArrayList<>(pop.model().params());
        if (pop.policy() != null) tensors.add(pop.policy().weights());
        for (INDArray p : tensors) {
            double s = p.sumNumber().doubleValue(); // one reduction; only a non-finite sum needs a closer look
            if (!Double.isFinite(s)) {
                String what = p.isNaN().any() ? "NaN weights" : "infinite weights";
                throw new Divergence(tick, scenario.box().time(tick), scenario.box().displayUnit(), pop.name(),
                        pop.spec().learner().name(), what);
            }
        }
    }
}
