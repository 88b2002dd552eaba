package org.sealedbox.dsl.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.sealedbox.dsl.ast.Ast.*;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.diag.Suggestions;
import org.sealedbox.dsl.ir.BoxSpec;
import org.sealedbox.dsl.ir.Expectation;
import org.sealedbox.dsl.ir.GenerationPlan;
import org.sealedbox.dsl.ir.MeasurePlan;
import org.sealedbox.dsl.ir.ObjectiveSpec;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.SweepSpec;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.dsl.source.Span;

/**
 * AST → IR. Resolves every name (plugins, populations, judges, measures, units), checks plugin
 * parameters against the schema each plugin declares, and converts box time to ticks. It collects
 * every problem it finds; it returns a model only when there were no errors. It never changes the AST.
 */
public final class Validator {
    private static final Set<String> CHANNELS = Set.of("weights", "notes", "corpus");

    private final PluginCatalog catalog;
    private final Diagnostics diagnostics;
    /** After a syntax error some items are missing from the AST: don't also report them as missing. */
    private final boolean partial;

    public Validator(PluginCatalog catalog, Diagnostics diagnostics, boolean partial) {
        this.catalog = catalog;
        this.diagnostics = diagnostics;
        this.partial = partial;
    }

    public Optional<ScenarioModel> validate(ScenarioNode scenario) {
        int errorsBefore = diagnostics.errorCount();
        String about = "";
        Box box = null;
        World world = null;
        List<Agents> agents = new ArrayList<>();
        List<Judge> judges = new ArrayList<>();
        List<Objective> objectives = new ArrayList<>();
        List<Stmt> statements = new ArrayList<>();
        List<Measure> measures = new ArrayList<>();
        List<Generation> generations = new ArrayList<>();
        List<Expect> expects = new ArrayList<>();
        List<Sweep> sweeps = new ArrayList<>();
        for (Item item : scenario.items()) {
            if (item instanceof About a) about = a.text();
            else if (item instanceof Box b) {
                if (box != null) diagnostics.error("duplicate", b.span(), "a scenario has one `box`", "merge the two `box` blocks");
                else box = b;
            } else if (item instanceof World w) {
                if (world != null) diagnostics.error("duplicate", w.span(), "a scenario has one `world`", null);
                else world = w;
            } else if (item instanceof Agents a) agents.add(a);
            else if (item instanceof Judge j) judges.add(j);
            else if (item instanceof Objective o) objectives.add(o);
            else if (item instanceof EachTick e) statements.addAll(e.statements());
            else if (item instanceof Measure m) measures.add(m);
            else if (item instanceof Generation g) generations.add(g);
            else if (item instanceof Expect e) expects.add(e);
            else if (item instanceof Sweep sw) sweeps.add(sw);
            else if (item instanceof Unknown u) unknown(u);
        }
        Span whole = scenario.span();

        boolean boxHasUnknown = scenario.items().stream().anyMatch(i -> i instanceof Unknown u && u.where().equals("box"));
        BoxSpec boxSpec = box(box, whole, boxHasUnknown);
        PluginUse worldUse = null;
        if (world != null) worldUse = resolve(PluginKind.WORLD, world.plugin());
        else if (!partial) diagnostics.error("missing", whole, "the scenario has no `world`", "add e.g. `world concepts { fields 24 width 16 }`");

        objectiveNames = new java.util.LinkedHashSet<>();
        for (Objective o : objectives) {
            if (!objectiveNames.add(o.name())) diagnostics.error("duplicate", o.nameSpan(), "an objective named `" + o.name() + "` is already defined", null);
        }
        List<PopulationSpec> pops = populations(agents, boxSpec, whole);
        Map<String, ScenarioModel.JudgeSpec> judgeSpecs = judges(judges);
        Map<String, ObjectiveSpec> objectiveSpecs = objectives(objectives, judgeSpecs);
        List<TickStatement> program = program(statements, pops, judgeSpecs);
        GenerationPlan generationPlan = generations(generations, pops, program, boxSpec);
        MeasurePlan plan = measures(measures, pops, boxSpec, whole);
        SweepSpec sweepSpec = sweep(sweeps, pops, judgeSpecs);
        List<Expectation> expectations = expectations(expects, plan, boxSpec, sweepSpec);

        if (diagnostics.errorCount() > errorsBefore || partial) return Optional.empty();
        return Optional.of(new ScenarioModel(scenario.name(), about, whole.source(), boxSpec, worldUse, pops, objectiveSpecs, judgeSpecs,
                program, generationPlan, plan, expectations, sweepSpec, List.of()));
    }

    private static final List<String> ITEMS = List.of("about", "box", "world", "agents", "objective", "judge", "each", "generation",
            "measure", "expect");
    private static final List<String> OUTCOMES = List.of("gold", "proxy", "character");

    /** The objectives the file declares (anywhere in it): what an objective parameter may name. */
    private Set<String> objectiveNames = Set.of();
    private static final List<String> BOX_SETTINGS = List.of("duration", "tick", "seed", "checkpoint");
    private static final List<String> AGENT_PARTS = List.of("model", "pretrain", "learner", "confidence", "lifetime", "context");

    private void unknown(Unknown u) {
        if (u.where().equals("box")) {
            diagnostics.error("unknown-name", u.span(), "`box` has no setting `" + u.word() + "`", Suggestions.hint(u.word(), BOX_SETTINGS, "settings"));
        } else {
            diagnostics.error("unknown-name", u.span(), "`" + u.word() + "` does not begin anything a scenario can hold",
                    Suggestions.hint(u.word(), ITEMS, "a scenario holds"));
        }
    }

    // ---- box --------------------------------------------------------------------------------

    private BoxSpec box(Box box, Span whole, boolean hasUnknownSettings) {
        if (box == null) {
            if (!partial) diagnostics.error("missing", whole, "the scenario has no `box`",
                    "add e.g. `box { duration 200 years  tick 1 month  seed 1 }`");
            return null;
        }
        if (box.duration() == null || box.tick() == null) {
            // a misspelt setting was already reported, with the name it probably meant
            if (hasUnknownSettings) return null;
            if (box.duration() == null) diagnostics.error("missing", box.span(), "`box` needs a `duration`", "e.g. `duration 200 years`");
            if (box.tick() == null) diagnostics.error("missing", box.span(), "`box` needs a `tick` length", "e.g. `tick 1 month`");
            return null;
        }
        Optional<Double> tickHours = hoursOf(box.tick(), null);
        if (box.tick() != null && TimeUnits.singular(box.tick().unit()).equals("tick")) {
            diagnostics.error("unit", box.tick().unitSpan(), "a tick cannot be measured in ticks", "give it in box time, e.g. `tick 1 week`");
            return null;
        }
        if (tickHours.isEmpty()) return null;
        if (tickHours.get() <= 0) {
            diagnostics.error("range", box.tick().span(), "the tick must be longer than 0", null);
            return null;
        }
        Optional<Double> durationHours = hoursOf(box.duration(), tickHours.get());
        if (durationHours.isEmpty()) return null;
        double exact = durationHours.get() / tickHours.get();
        long ticks = Math.round(exact);
        if (ticks < 1) {
            diagnostics.error("range", box.duration().span(), "the box must run at least one tick", null);
            return null;
        }
        if (Math.abs(exact - ticks) > 1e-6 * Math.max(1, exact)) {
            diagnostics.warning("rounding", box.duration().span(),
                    String.format("duration is %.3f ticks, not a whole number; the box runs %d ticks", exact, ticks), null);
        }
        String unit = TimeUnits.singular(box.duration().unit());
        double displayHours = unit.equals("tick") ? tickHours.get() : TimeUnits.hours(unit).orElseThrow();
        long seed = box.seed() == null ? 1 : box.seed();
        BoxSpec spec = new BoxSpec(ticks, tickHours.get(), seed, unit, displayHours);
        if (box.checkpoint() == null) return spec;
        Optional<Long> every = ticksOf(box.checkpoint(), spec);
        return new BoxSpec(ticks, tickHours.get(), seed, unit, displayHours, every.orElse(0L));
    }

    /** Hours in a quantity; {@code tickHours == null} when ticks are not allowed (or not known yet). */
    private Optional<Double> hoursOf(Quantity q, Double tickHours) {
        if (!TimeUnits.known(q.unit())) {
            diagnostics.error("unit", q.unitSpan(), "unknown unit of time `" + q.unit() + "`",
                    Suggestions.hint(q.unit(), TimeUnits.names(), "units"));
            return Optional.empty();
        }
        if (q.amount() < 0) {
            diagnostics.error("range", q.span(), "an amount of time cannot be negative", null);
            return Optional.empty();
        }
        if (TimeUnits.singular(q.unit()).equals("tick")) {
            return tickHours == null ? Optional.of(Double.NaN) : Optional.of(q.amount() * tickHours);
        }
        return Optional.of(q.amount() * TimeUnits.hours(q.unit()).orElseThrow());
    }

    /** A quantity in whole ticks (at least one), or empty after reporting why not. */
    private Optional<Long> ticksOf(Quantity q, BoxSpec box) {
        if (box == null) {
            hoursOf(q, null);
            return Optional.empty();
        }
        Optional<Double> hours = hoursOf(q, box.tickHours());
        if (hours.isEmpty()) return Optional.empty();
        long ticks = Math.round(hours.get() / box.tickHours());
        if (ticks < 1) {
            diagnostics.error("range", q.span(), "shorter than one tick (" + fmtHours(box.tickHours()) + ")",
                    "use at least `1 tick`");
            return Optional.empty();
        }
        return Optional.of(ticks);
    }

    private static String fmtHours(double h) {
        return h >= TimeUnits.HOURS_PER_YEAR ? h / TimeUnits.HOURS_PER_YEAR + " years" : h + " hours";
    }

    // ---- populations ------------------------------------------------------------------------

    private List<PopulationSpec> populations(List<Agents> agents, BoxSpec box, Span whole) {
        if (agents.isEmpty() && !partial) {
            diagnostics.error("missing", whole, "the scenario has no `agents`",
                    "add e.g. `agents llm count 100 { model linear  learner sft }`");
        }
        List<PopulationSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Agents a : agents) {
            if (!seen.add(a.name())) {
                diagnostics.error("duplicate", a.nameSpan(), "a population named `" + a.name() + "` is already defined", null);
                continue;
            }
            if (a.count() < 1 || a.count() > Integer.MAX_VALUE) {
                diagnostics.error("range", a.countSpan(), "a population needs between 1 and " + Integer.MAX_VALUE + " agents", null);
            }
            Map<String, PluginUse> parts = new LinkedHashMap<>();
            long lifetime = 0;
            int context = 0;
            ParamValues recall = ParamValues.defaults(BuiltinSchemas.CONTEXT);
            Set<String> given = new HashSet<>();
            for (AgentItem item : a.items()) {
                String keyword = item instanceof Component c ? c.keyword() : item instanceof Lifetime ? "lifetime" : "context";
                if (!given.add(keyword)) {
                    diagnostics.error("duplicate", item.span(), "`" + keyword + "` is given twice for `" + a.name() + "`", null);
                    continue;
                }
                if (item instanceof Component c) {
                    PluginUse use = resolve(PluginKind.valueOf(c.keyword().toUpperCase(java.util.Locale.ROOT)), c.plugin());
                    if (use != null) parts.put(c.keyword(), use);
                } else if (item instanceof Lifetime l) {
                    if (l.length() != null) lifetime = ticksOf(l.length(), box).orElse(0L);
                } else if (item instanceof Context c) {
                    if (c.capacity() < 0 || c.capacity() > 1_000_000) {
                        diagnostics.error("range", c.span(), "context holds 0..1000000 notes", null);
                    }
                    context = (int) c.capacity();
                    ParamValues r = params(BuiltinSchemas.CONTEXT, List.of(), c.params(), c.span());
                    if (r != null) recall = r;
                }
            }
            for (String required : List.of("model", "learner")) {
                if (!given.contains(required)) {
                    diagnostics.error("missing", a.nameSpan(), "`" + a.name() + "` has no `" + required + "`",
                            "add `" + required + " " + String.join(" | ", catalog.names(PluginKind.valueOf(required.toUpperCase()))) + "`");
                }
            }
            PluginUse pretrain = parts.containsKey("pretrain") ? parts.get("pretrain") : standard(PluginKind.PRETRAIN, "humans", a.span());
            PluginUse confidence = parts.containsKey("confidence") ? parts.get("confidence")
                    : standard(PluginKind.CONFIDENCE, "familiarity", a.span());
            out.add(new PopulationSpec(a.name(), (int) Math.max(1, Math.min(Integer.MAX_VALUE, a.count())), parts.get("model"),
                    pretrain, parts.get("learner"), confidence, lifetime, context, recall, a.span()));
        }
        return out;
    }

    /** The default plugin for a part the scenario leaves out. */
    private PluginUse standard(PluginKind kind, String name, Span span) {
        return catalog.find(kind, name).map(s -> new PluginUse(kind, name, ParamValues.defaults(s), span)).orElse(null);
    }

    // ---- judges and the tick program ---------------------------------------------------------

    private Map<String, ScenarioModel.JudgeSpec> judges(List<Judge> judges) {
        Map<String, ScenarioModel.JudgeSpec> out = new LinkedHashMap<>();
        for (Judge j : judges) {
            if (out.containsKey(j.name())) {
                diagnostics.error("duplicate", j.nameSpan(), "a judge named `" + j.name() + "` is already defined", null);
                continue;
            }
            String op = j.plugin().name();
            if ((op.equals("all") || op.equals("any")) && catalog.find(PluginKind.JUDGE, op).isEmpty()) {
                out.put(j.name(), combination(j, op, out));
                continue;
            }
            PluginUse use = resolve(PluginKind.JUDGE, j.plugin());
            if (use != null) out.put(j.name(), new ScenarioModel.JudgeSpec(j.name(), use, null, j.span()));
            else out.put(j.name(), null); // known name, broken definition: don't cascade "unknown judge" errors
        }
        return out;
    }

    /** {@code all(a, b, …)} / {@code any(a, b, …)} over judges defined above (so there can be no cycle). */
    private ScenarioModel.JudgeSpec combination(Judge j, String op, Map<String, ScenarioModel.JudgeSpec> defined) {
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        if (!j.plugin().params().isEmpty()) {
            diagnostics.error("arguments", j.plugin().params().get(0).span(), "`" + op + "` takes judges in parentheses, not parameters",
                    "write `" + op + "(a, b)`");
            ok = false;
        }
        if (j.plugin().args().size() < 2) {
            diagnostics.error("arguments", j.plugin().nameSpan(), "`" + op + "` combines two or more judges", "write `" + op + "(a, b)`");
            ok = false;
        }
        for (Arg a : j.plugin().args()) {
            if (a.name() != null || !(a.value() instanceof CallValue c) || !c.args().isEmpty()) {
                diagnostics.error("arguments", a.span(), "`" + op + "` takes the names of judges defined above", null);
                ok = false;
                continue;
            }
            if (!defined.containsKey(c.name())) {
                diagnostics.error("unknown-name", a.span(), "no judge named `" + c.name() + "` is defined above this line",
                        Suggestions.hint(c.name(), defined.keySet(), "judges defined above"));
                ok = false;
            } else if (defined.get(c.name()) == null) {
                ok = false;
            }
            parts.add(c.name());
        }
        return ok ? new ScenarioModel.JudgeSpec(j.name(), null, new ScenarioModel.Combination(op, parts), j.span()) : null;
    }

    // ---- objectives --------------------------------------------------------------------------

    private Map<String, ObjectiveSpec> objectives(List<Objective> objectives, Map<String, ScenarioModel.JudgeSpec> judges) {
        Map<String, ObjectiveSpec> out = new LinkedHashMap<>();
        for (Objective o : objectives) {
            if (out.containsKey(o.name())) continue;
            int before = diagnostics.errorCount();
            ObjectiveSpec.Term term = term(o.expr(), judges);
            if (diagnostics.errorCount() > before) continue;
            ObjectiveSpec spec = new ObjectiveSpec(o.name(), term, o.span().source().line(o.span().line()).trim(), o.span());
            for (String j : spec.judges()) {
                ScenarioModel.JudgeSpec js = judges.get(j);
                if (js != null && js.plugin() != null && js.plugin().params().values().containsValue(o.name())) {
                    diagnostics.error("cycle", o.span(), "`" + o.name() + "` is scored by judge `" + j + "`, which itself picks by `" + o.name() + "`",
                            "score the objective with a judge that does not optimise it, e.g. a `fixed_judge`");
                }
            }
            out.put(o.name(), spec);
        }
        return out;
    }

    private ObjectiveSpec.Term term(Expr e, Map<String, ScenarioModel.JudgeSpec> judges) {
        if (e instanceof Num n) return new ObjectiveSpec.Const(n.value());
        if (e instanceof Neg n) return new ObjectiveSpec.Neg(term(n.operand(), judges));
        if (e instanceof Binary b) return new ObjectiveSpec.Binary(b.op().charAt(0), term(b.left(), judges), term(b.right(), judges));
        MeasureAt m = (MeasureAt) e;
        PluginRef ref = m.measure().plugin();
        if (m.measure().population() != null || m.when() != null) {
            diagnostics.error("objective", m.span(), "an objective is a function of each proposal's outcomes, not of measured values",
                    "use " + String.join(", ", OUTCOMES) + " or proxy(judge)");
            return null;
        }
        if (!OUTCOMES.contains(ref.name())) {
            diagnostics.error("unknown-name", ref.nameSpan(), "`" + ref.name() + "` is not an outcome of a proposal",
                    Suggestions.hint(ref.name(), OUTCOMES, "outcomes"));
            return null;
        }
        ObjectiveSpec.Kind kind = ObjectiveSpec.Kind.valueOf(ref.name().toUpperCase(java.util.Locale.ROOT));
        if (!ref.params().isEmpty() || ref.args().size() > (kind == ObjectiveSpec.Kind.PROXY ? 1 : 0)) {
            diagnostics.error("arguments", ref.span(), kind == ObjectiveSpec.Kind.PROXY ? "`proxy` takes at most the name of a judge: proxy(j)"
                    : "`" + ref.name() + "` takes no arguments", null);
            return null;
        }
        String judge = null;
        if (!ref.args().isEmpty()) {
            Arg a = ref.args().get(0);
            if (a.name() != null || !(a.value() instanceof CallValue c) || !c.args().isEmpty()) {
                diagnostics.error("arguments", a.span(), "`proxy` takes the name of a judge: proxy(j)", null);
                return null;
            }
            if (!judges.containsKey(c.name())) {
                diagnostics.error("unknown-name", a.span(), "no judge named `" + c.name() + "`", Suggestions.hint(c.name(), judges.keySet(), "judges"));
                return null;
            }
            judge = c.name();
        }
        return new ObjectiveSpec.Outcome(kind, judge);
    }

    private List<TickStatement> program(List<Stmt> statements, List<PopulationSpec> pops, Map<String, ScenarioModel.JudgeSpec> judges) {
        Set<String> popNames = pops.stream().map(PopulationSpec::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        List<TickStatement> out = new ArrayList<>();
        Set<String> proposing = new HashSet<>();
        for (Stmt s : statements) {
            if (s instanceof Propose p) {
                {
                    boolean ok = knownPopulation(p.population(), p.populationSpan(), popNames);
                    // a mistake elsewhere in the line must not also make later selections look orphaned
                    if (ok) proposing.add(p.population());
                    if (p.count() < 1 || p.count() > 1_000_000) {
                        diagnostics.error("range", p.span(), "an agent proposes between 1 and 1000000 ideas a tick", null);
                        ok = false;
                    }
                    TickStatement.Target target = target(p.target());
                    ParamValues params = params(BuiltinSchemas.PROPOSES, List.of(), p.params(), p.span());
                    if (ok && target != null && params != null) {
                        out.add(new TickStatement.Propose(p.population(), (int) p.count(), target, params, p.span()));
                    }
                }
            } else if (s instanceof Imitate im) {
                boolean ok = knownPopulation(im.population(), im.populationSpan(), popNames);
                if (!im.who().equals("humans")) {
                    diagnostics.error("unknown-name", im.whoSpan(), "agents can imitate `humans` (their behaviour on temptations), not `" + im.who() + "`",
                            "write `" + im.population() + " imitates humans`");
                    ok = false;
                }
                ParamValues params = params(BuiltinSchemas.IMITATE, List.of(), im.params(), im.span());
                if (ok && params != null) out.add(new TickStatement.Imitate(im.population(), params, im.span()));
            } else if (s instanceof Select sel) {
                {
                    boolean ok = true;
                    if (!judges.containsKey(sel.judge())) {
                        diagnostics.error("unknown-name", sel.judgeSpan(), "no judge named `" + sel.judge() + "`",
                                Suggestions.hint(sel.judge(), judges.keySet(), "judges defined here"));
                        ok = false;
                    } else if (judges.get(sel.judge()) == null) {
                        ok = false;
                    }
                    ok &= knownPopulation(sel.into(), sel.intoSpan(), popNames);
                    String from = sel.from() == null ? sel.into() : sel.from();
                    if (sel.from() != null) ok &= knownPopulation(sel.from(), sel.fromSpan(), popNames);
                    if (!CHANNELS.contains(sel.channel())) {
                        diagnostics.error("unknown-name", sel.channelSpan(), "unknown channel `" + sel.channel() + "`",
                                Suggestions.hint(sel.channel(), CHANNELS, "channels"));
                        ok = false;
                    }
                    if (ok && !proposing.contains(from)) {
                        diagnostics.error("order", sel.span(), "`" + from + "` proposes nothing before this line, so there is nothing to select",
                                "put `" + from + " proposes N at frontier` above it");
                        ok = false;
                    }
                    if (ok && sel.channel().equals("notes") && pops.stream().anyMatch(pp -> pp.name().equals(sel.into()) && pp.context() == 0)) {
                        diagnostics.error("no-notes", sel.channelSpan(), "`" + sel.into() + "` keeps no notes",
                                "give its agents a context, e.g. `context 64 steps 4 lr 0.1`");
                        ok = false;
                    }
                    if (ok) out.add(new TickStatement.Select(sel.judge(), from, sel.into(),
                            TickStatement.Channel.valueOf(sel.channel().toUpperCase(java.util.Locale.ROOT)), sel.span()));
                }
            }
        }
        return out;
    }

    private boolean knownPopulation(String name, Span span, Set<String> pops) {
        if (pops.contains(name)) return true;
        diagnostics.error("unknown-name", span, "no population named `" + name + "`", Suggestions.hint(name, pops, "populations"));
        return false;
    }

    private TickStatement.Target target(Target t) {
        if (t instanceof Frontier) return new TickStatement.Frontier();
        if (t instanceof Anywhere) return new TickStatement.Anywhere();
        Fields f = (Fields) t;
        if (!f.word().equals("fields")) {
            diagnostics.error("syntax", f.span(), "expected `frontier`, `anywhere` or `fields lo..hi`",
                    Suggestions.nearest(f.word(), List.of("fields")).map(n -> "did you mean `fields`?").orElse(null));
            return null;
        }
        if (f.lo() > f.hi() || f.lo() < 0 || f.hi() > 1_000_000) {
            diagnostics.error("range", f.span(), "a field range needs 0 <= lo <= hi <= 1000000", null);
            return null;
        }
        return new TickStatement.Fields((int) f.lo(), (int) f.hi());
    }

    // ---- generations ---------------------------------------------------------------------------

    private GenerationPlan generations(List<Generation> blocks, List<PopulationSpec> pops, List<TickStatement> program, BoxSpec box) {
        if (blocks.isEmpty()) return GenerationPlan.NONE;
        if (blocks.size() > 1) {
            diagnostics.error("duplicate", blocks.get(1).span(), "a scenario has one `generation` block", "list every population in one block");
        }
        Generation block = blocks.get(0);
        long every = ticksOf(block.every(), box).orElse(0L);
        Set<String> names = pops.stream().map(PopulationSpec::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        List<GenerationPlan.Regeneration> out = new ArrayList<>();
        for (Regenerate r : block.populations()) {
            if (!knownPopulation(r.population(), r.populationSpan(), names)) continue;
            ParamValues params = params(BuiltinSchemas.GENERATION, List.of(), r.params(), r.populationSpan());
            if (params == null) continue;
            boolean fed = program.stream().anyMatch(s -> s instanceof TickStatement.Select sel && sel.into().equals(r.population())
                    && sel.channel() == TickStatement.Channel.CORPUS);
            if (!fed) {
                diagnostics.warning("empty-corpus", r.span(), "nothing is selected into `" + r.population() + ".corpus`, so each "
                        + "generation is pretrained on fresh human data alone", "add `JUDGE selects into " + r.population() + ".corpus`");
            }
            out.add(new GenerationPlan.Regeneration(r.population(), params, r.span()));
        }
        if (block.populations().isEmpty()) {
            diagnostics.error("missing", block.span(), "name the populations that have generations", "e.g. `generation every 10 years { llm: corpus replace }`");
        }
        return new GenerationPlan(every, out);
    }

    // ---- measures and expectations ----------------------------------------------------------

    private MeasurePlan measures(List<Measure> blocks, List<PopulationSpec> pops, BoxSpec box, Span whole) {
        if (blocks.isEmpty()) return new MeasurePlan(box == null ? 1 : box.ticks(), List.of());
        if (blocks.size() > 1) {
            diagnostics.error("duplicate", blocks.get(1).span(), "a scenario has one `measure` block", "merge the measures into one block");
        }
        Measure block = blocks.get(0);
        long every = ticksOf(block.every(), box).orElse(1L);
        List<MeasurePlan.MeasureSpec> specs = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (MeasureRef ref : block.measures()) {
            String pop = population(ref, pops);
            if (pop == null) continue;
            PluginUse use = resolve(PluginKind.MEASURE, ref.plugin());
            if (use == null) continue;
            String key = key(ref, pops.size() > 1 ? pop : null);
            if (!keys.add(key)) {
                diagnostics.error("duplicate", ref.span(), "`" + key + "` is measured twice", null);
                continue;
            }
            specs.add(new MeasurePlan.MeasureSpec(key, pop, use, ref.span()));
        }
        return new MeasurePlan(every, specs);
    }

    /** The population a measure refers to: the one named, or the only one. */
    private String population(MeasureRef ref, List<PopulationSpec> pops) {
        List<String> names = pops.stream().map(PopulationSpec::name).toList();
        if (ref.population() != null) {
            return knownPopulation(ref.population(), ref.populationSpan(), new java.util.LinkedHashSet<>(names)) ? ref.population() : null;
        }
        if (names.size() == 1) return names.get(0);
        if (!names.isEmpty()) {
            diagnostics.error("ambiguous", ref.span(), "which population? The scenario has " + names.size(),
                    "write `" + names.get(0) + "." + ref.plugin().name() + "`");
        }
        return null;
    }

    /** The column name of a measure: {@code accuracy(human)}, {@code pop.frontier}. */
    static String key(MeasureRef ref, String pop) {
        String args = ref.plugin().args().isEmpty() ? ""
                : "(" + ref.plugin().args().stream().map(Validator::argText).collect(Collectors.joining(", ")) + ")";
        return (pop == null ? "" : pop + ".") + ref.plugin().name() + args;
    }

    private static String argText(Arg a) {
        return (a.name() == null ? "" : a.name() + " ") + valueText(a.value());
    }

    private static String valueText(Value v) {
        if (v instanceof NumberValue n) return n.text();
        if (v instanceof StringValue s) return "\"" + s.value() + "\"";
        if (v instanceof QuantityValue q) return fmt(q.amount()) + " " + q.unit();
        if (v instanceof RangeValue r) return r.lo() + ".." + r.hi();
        if (v instanceof CallValue c) {
            return c.name() + (c.args().isEmpty() ? ""
                    : "(" + c.args().stream().map(Validator::argText).collect(Collectors.joining(", ")) + ")");
        }
        return "forever";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private List<Expectation> expectations(List<Expect> expects, MeasurePlan plan, BoxSpec box, SweepSpec sweep) {
        List<Expectation> out = new ArrayList<>();
        for (Expect e : expects) {
            int before = diagnostics.errorCount();
            Expectation.Quantifier q = Expectation.Quantifier.valueOf(e.quantifier().name());
            Expectation.Expr left = expr(e.left(), q, plan, box);
            Expectation.Expr right = expr(e.right(), q, plan, box);
            if (e.percent() != null) {
                if (sweep == null) {
                    diagnostics.error("sweep", e.span(), "`in " + fmt(e.percent()) + "% of seeds` needs seeds to count",
                            "add `sweep { seeds 1..20 }`");
                } else if (e.percent() <= 0 || e.percent() > 100) {
                    diagnostics.error("range", e.span(), "a share of seeds is a percentage in (0, 100]", null);
                }
            }
            boolean aggregated = aggregates(e.left()) || aggregates(e.right());
            if (aggregated && sweep == null) {
                diagnostics.error("sweep", e.span(), "a statistic over seeds needs seeds", "add `sweep { seeds 1..20 }`");
            }
            if (aggregated && e.percent() != null) {
                diagnostics.error("sweep", e.span(), "say either a statistic over seeds or `in P% of seeds`, not both", null);
            }
            if (diagnostics.errorCount() == before) {
                out.add(new Expectation(e.text(), e.span(), q, left, Expectation.Op.of(e.op()), right, e.percent()));
            }
        }
        return out;
    }

    private static boolean aggregates(Expr e) {
        if (e instanceof Aggregate) return true;
        if (e instanceof Neg n) return aggregates(n.operand());
        return e instanceof Binary b && (aggregates(b.left()) || aggregates(b.right()));
    }

    private static final List<String> STATISTICS = List.of("mean", "median", "min", "max", "sd");
    private static final List<String> PART_KEYWORDS = List.of("model", "pretrain", "learner", "confidence");

    private SweepSpec sweep(List<Sweep> sweeps, List<PopulationSpec> pops, Map<String, ScenarioModel.JudgeSpec> judges) {
        if (sweeps.isEmpty()) return null;
        if (sweeps.size() > 1) diagnostics.error("duplicate", sweeps.get(1).span(), "a scenario has one `sweep`", "merge them");
        Sweep sw = sweeps.get(0);
        List<SweepSpec.Axis> axes = new ArrayList<>();
        Set<String> popNames = pops.stream().map(PopulationSpec::name).collect(Collectors.toSet());
        for (Axis a : sw.axes()) {
            String[] parts = a.path().split("\\.");
            boolean ok = parts.length == 1 && List.of("duration", "tick").contains(parts[0])
                    || parts.length == 2 && parts[0].equals("world")
                    || parts.length == 2 && parts[0].equals("judge") && judges.containsKey(parts[1])
                    || parts.length == 2 && popNames.contains(parts[0]) && parts[1].equals("count")
                    || parts.length == 3 && popNames.contains(parts[0]) && PART_KEYWORDS.contains(parts[1]);
            if (!ok) {
                diagnostics.error("sweep", a.span(), "cannot sweep `" + a.path() + "`",
                        "sweep world.PARAM, POP.count, POP.model|pretrain|learner|confidence.PARAM, judge.NAME, duration or tick"
                                + " (populations: " + String.join(", ", popNames) + ")");
                continue;
            }
            if (a.values().isEmpty()) diagnostics.error("sweep", a.span(), "`" + a.path() + "` needs at least one value", null);
            axes.add(new SweepSpec.Axis(a.path(), a.values().stream().map(v -> v instanceof StringValue s ? s.value() : valueText(v)).toList()));
        }
        long lo = 1, hi = 1;
        if (sw.seeds() != null) {
            lo = sw.seeds().lo();
            hi = sw.seeds().hi();
            if (hi < lo || hi - lo >= 10_000) {
                diagnostics.error("range", sw.seeds().span(), "seeds " + lo + ".." + hi + " is not a range of 1 to 10000 seeds", null);
                hi = lo;
            }
        } else {
            diagnostics.error("sweep", sw.span(), "a sweep says which seeds to run", "add `seeds 1..20`");
        }
        return new SweepSpec(axes, lo, hi);
    }

    private Expectation.Expr expr(Expr e, Expectation.Quantifier q, MeasurePlan plan, BoxSpec box) {
        if (e instanceof Num n) return new Expectation.Const(n.value());
        if (e instanceof Aggregate a) {
            if (!STATISTICS.contains(a.fn())) {
                diagnostics.error("unknown-name", a.fnSpan(), "`" + a.fn() + "` is not a statistic over seeds",
                        Suggestions.hint(a.fn(), STATISTICS, "statistics"));
                return null;
            }
            if (aggregates(a.inner())) {
                diagnostics.error("sweep", a.span(), "statistics over seeds do not nest", null);
                return null;
            }
            return new Expectation.Aggregate(a.fn(), expr(a.inner(), q, plan, box));
        }
        if (e instanceof Neg n) return new Expectation.Neg(expr(n.operand(), q, plan, box));
        if (e instanceof Binary b) {
            return new Expectation.Binary(b.op().charAt(0), expr(b.left(), q, plan, box), expr(b.right(), q, plan, box));
        }
        return measureAt((MeasureAt) e, q, plan, box);
    }

    private Expectation.Expr measureAt(MeasureAt m, Expectation.Quantifier q, MeasurePlan plan, BoxSpec box) {
        List<String> measured = plan.measures().stream().map(MeasurePlan.MeasureSpec::key).toList();
        String key = key(m.measure(), m.measure().population());
        if (!measured.contains(key)) {
            String single = plan.measures().stream().filter(s -> s.key().equals(key(m.measure(), null))).findFirst().map(s -> s.key()).orElse(null);
            if (single == null) {
                diagnostics.error("not-measured", m.measure().span(), "`" + key + "` is not measured",
                        measured.isEmpty() ? "add a `measure every … { " + key + " }` block"
                                : Suggestions.nearest(key, measured).map(n -> "did you mean `" + n + "`? ").orElse("")
                                + "measured: " + String.join(", ", measured) + "; add it to the `measure` block to expect it");
                return null;
            }
        }
        Expectation.When when;
        if (q != Expectation.Quantifier.NONE) {
            if (m.when() != null) {
                diagnostics.error("when", m.when().span(), "`" + q.name().toLowerCase() + "` already says when: it looks at every measurement",
                        "drop `" + "at …`");
                return null;
            }
            return new Expectation.MeasureAt(key, null);
        }
        if (m.when() == null) {
            diagnostics.error("when", m.span(), "say when `" + key + "` is read",
                    "add `at start`, `at end` or `at year N` (or begin the line with `always` or `eventually`)");
            return null;
        } else if (m.when() instanceof AtStart) {
            when = new Expectation.Start();
        } else if (m.when() instanceof AtEnd) {
            when = new Expectation.End();
        } else {
            AtTime t = (AtTime) m.when();
            {
                if (box == null) return null;
                Optional<Double> hours = hoursOf(t.time(), box.tickHours());
                if (hours.isEmpty()) return null;
                long tick = Math.round(hours.get() / box.tickHours());
                if (tick > box.ticks()) {
                    diagnostics.error("range", t.span(), "the box ends at " + TimeUnits.singular(box.displayUnit()) + " "
                            + fmt(box.duration()), null);
                    return null;
                }
                when = new Expectation.AtTick(tick, "at " + TimeUnits.singular(t.time().unit()) + " " + fmt(t.time().amount()));
            }
        }
        return new Expectation.MeasureAt(key, when);
    }

    // ---- plugins and parameters -------------------------------------------------------------

    private PluginUse resolve(PluginKind kind, PluginRef ref) {
        Optional<PluginSchema> schema = catalog.find(kind, ref.name());
        if (schema.isEmpty()) {
            diagnostics.error("unknown-plugin", ref.nameSpan(), "unknown " + kind.keyword() + " `" + ref.name() + "`",
                    Suggestions.hint(ref.name(), catalog.names(kind), kind.plural()));
            return null;
        }
        ParamValues values = params(schema.get(), ref.args(), ref.params(), ref.nameSpan());
        return values == null ? null : new PluginUse(kind, ref.name(), values, ref.span());
    }

    /** Positional arguments fill parameters in declared order; named arguments and inline parameters by name. */
    private ParamValues params(PluginSchema schema, List<Arg> args, List<Param> params, Span at) {
        int before = diagnostics.errorCount();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Span> givenAt = new LinkedHashMap<>();
        int position = 0;
        for (Arg a : args) {
            if (a.name() == null) {
                if (position >= schema.params().size()) {
                    diagnostics.error("arguments", a.span(), "`" + schema.name() + "` takes at most " + schema.params().size()
                            + " argument" + (schema.params().size() == 1 ? "" : "s"), signature(schema));
                    continue;
                }
                set(schema, schema.params().get(position++), a.value(), a.span(), values, givenAt);
            } else {
                named(schema, a.name(), a.span(), a.value(), values, givenAt);
            }
        }
        for (Param p : params) named(schema, p.name(), p.nameSpan(), p.value(), values, givenAt);
        for (ParamSpec spec : schema.params()) {
            if (!values.containsKey(spec.name())) {
                if (givenAt.containsKey(spec.name())) continue; // given, and already reported as wrong
                if (spec.required()) {
                    diagnostics.error("missing", at, "`" + schema.name() + "` needs `" + spec.name() + "` (" + spec.type().describe() + ")",
                            spec.doc());
                } else if (spec.defaultValue() instanceof PluginUse def) {
                    // a default plugin gets its own defaults from the installed plugin's schema
                    PluginUse use = standard(def.kind(), def.name(), at);
                    if (use == null) {
                        diagnostics.error("unknown-plugin", at, "the default " + def.kind().keyword() + " `" + def.name() + "` is not installed",
                                "name one: `" + spec.name() + " …` (" + String.join(", ", catalog.names(def.kind())) + ")");
                    } else {
                        values.put(spec.name(), use);
                    }
                } else {
                    values.put(spec.name(), spec.defaultValue());
                }
            }
        }
        if (diagnostics.errorCount() > before) return null;
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (ParamSpec spec : schema.params()) ordered.put(spec.name(), values.get(spec.name()));
        return new ParamValues(ordered);
    }

    private static String signature(PluginSchema schema) {
        return schema.name() + "(" + String.join(", ", schema.paramNames()) + ")";
    }

    private void named(PluginSchema schema, String name, Span span, Value value, Map<String, Object> values, Map<String, Span> givenAt) {
        Optional<ParamSpec> spec = schema.param(name);
        if (spec.isEmpty()) {
            Optional<String> part = Suggestions.nearest(name, AGENT_PARTS);
            String hint = Suggestions.nearest(name, schema.paramNames()).isEmpty() && part.isPresent()
                    ? "did you mean `" + part.get() + "`, the next part of `agents`? (parameters of `" + schema.name() + "`: "
                            + (schema.paramNames().isEmpty() ? "none" : String.join(", ", schema.paramNames())) + ")"
                    : Suggestions.hint(name, schema.paramNames(), "parameters");
            diagnostics.error("unknown-param", span, "`" + schema.name() + "` has no parameter `" + name + "`", hint);
            return;
        }
        set(schema, spec.get(), value, span, values, givenAt);
    }

    private void set(PluginSchema schema, ParamSpec spec, Value value, Span span, Map<String, Object> values, Map<String, Span> givenAt) {
        if (givenAt.containsKey(spec.name())) {
            diagnostics.error("duplicate", span, "`" + spec.name() + "` is given twice", "first given at " + givenAt.get(spec.name()));
            return;
        }
        givenAt.put(spec.name(), span);
        Object v = convert(schema, spec.name(), spec.type(), value);
        if (v != null) values.put(spec.name(), v);
    }

    private Object convert(PluginSchema schema, String name, ParamType type, Value value) {
        String what = "`" + name + "` of `" + schema.name() + "`";
        if (type instanceof ParamType.IntType t) {
                if (!(value instanceof NumberValue n) || !n.integral()) return mismatch(what, type, value);
                long v = (long) n.value();
                if (v < t.min() || v > t.max()) return outOfRange(what, type, value);
                return v;
        } else if (type instanceof ParamType.RealType t) {
                if (!(value instanceof NumberValue n)) return mismatch(what, type, value);
                if (n.value() < t.min() || n.value() > t.max() || Double.isNaN(n.value())) return outOfRange(what, type, value);
                return n.value();
        } else if (type instanceof ParamType.ChoiceType t) {
                if (!(value instanceof CallValue c)) return mismatch(what, type, value);
                Optional<ParamType.Option> option = t.option(c.name());
                if (option.isEmpty()) {
                    diagnostics.error("unknown-choice", value.span(), what + " cannot be `" + c.name() + "`",
                            Suggestions.hint(c.name(), t.names(), "choices"));
                    return null;
                }
                ParamType.Option o = option.get();
                if (o.arguments().isEmpty()) {
                    if (!c.args().isEmpty()) {
                        diagnostics.error("arguments", value.span(), "`" + o.name() + "` takes no argument", t.describe());
                        return null;
                    }
                    return new Choice(o.name());
                }
                int n = o.arguments().size();
                if (c.args().size() != n || c.args().stream().anyMatch(a -> a.name() != null && !o.argumentNames().contains(a.name()))) {
                    diagnostics.error("arguments", value.span(), "`" + o.name() + "` takes " + (n == 1 ? "one argument" : n + " arguments")
                            + ": " + o.describe(), t.describe());
                    return null;
                }
                List<Object> converted = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Arg a = c.args().get(i);
                    int at = a.name() == null ? i : o.argumentNames().indexOf(a.name());
                    String argName = name + " " + o.name() + (n == 1 ? "" : " " + o.argumentNames().get(at));
                    Object arg = convert(schema, argName, o.arguments().get(at), a.value());
                    if (arg == null) return null;
                    while (converted.size() <= at) converted.add(null);
                    converted.set(at, arg);
                }
                if (converted.contains(null)) {
                    diagnostics.error("arguments", value.span(), "`" + o.name() + "` takes " + o.describe(), t.describe());
                    return null;
                }
                return new Choice(o.name(), converted);
        } else if (type instanceof ParamType.RangeType t) {
                if (value instanceof RangeValue r) {
                    if (r.lo() > r.hi()) {
                    diagnostics.error("range", value.span(), what + " is the empty range " + r.lo() + ".." + r.hi(), "write lo..hi with lo <= hi");
                    return null;
                }
                    return new IntRange(r.lo(), r.hi());
                }
                if (value instanceof NumberValue n && n.integral()) return new IntRange((long) n.value(), (long) n.value());
                return mismatch(what, type, value);
        } else if (type instanceof ParamType.DurationType t) {
                if (!(value instanceof QuantityValue q)) return mismatch(what, type, value);
                Optional<Double> hours = TimeUnits.hours(q.unit());
                if (hours.isEmpty()) {
                    diagnostics.error("unit", value.span(), what + " must be given in box time (hours … years), not ticks", null);
                    return null;
                }
                return new TimeSpan(q.amount() * hours.get());
        } else if (type instanceof ParamType.UnionType u) {
                for (ParamType alternative : u.alternatives()) {
                    if (fits(alternative, value)) return convert(schema, name, alternative, value);
                }
                return mismatch(what, type, value);
        } else if (type instanceof ParamType.StringType t) {
                if (!(value instanceof StringValue s)) return mismatch(what, type, value);
                return s.value();
        } else if (type instanceof ParamType.ObjectiveRef) {
                if (!(value instanceof CallValue c) || !c.args().isEmpty()) return mismatch(what, type, value);
                if (!objectiveNames.contains(c.name())) {
                    diagnostics.error("unknown-name", value.span(), "no objective named `" + c.name() + "`",
                            objectiveNames.isEmpty() ? "declare one, e.g. `objective reward = proxy`"
                                    : Suggestions.hint(c.name(), objectiveNames, "objectives"));
                    return null;
                }
                return c.name();
        } else if (type instanceof ParamType.PluginRefType t) {
                if (!(value instanceof CallValue c)) return mismatch(what, type, value);
                return resolve(t.kind(), new PluginRef(c.name(), c.span(), c.args(), List.of(), c.span()));
        }
        throw new IllegalStateException("unknown parameter type " + type);
    }

    /** Whether a value has the form of a type (not whether it is in range): how a union picks its alternative. */
    private static boolean fits(ParamType type, Value value) {
        if (type instanceof ParamType.ChoiceType || type instanceof ParamType.ObjectiveRef || type instanceof ParamType.PluginRefType) {
            return value instanceof CallValue;
        }
        if (type instanceof ParamType.RangeType) return value instanceof RangeValue || value instanceof NumberValue n && n.integral();
        if (type instanceof ParamType.IntType) return value instanceof NumberValue n && n.integral();
        if (type instanceof ParamType.RealType) return value instanceof NumberValue;
        if (type instanceof ParamType.DurationType) return value instanceof QuantityValue;
        if (type instanceof ParamType.StringType) return value instanceof StringValue;
        return type instanceof ParamType.UnionType u && u.alternatives().stream().anyMatch(a -> fits(a, value));
    }

    private Object mismatch(String what, ParamType type, Value value) {
        diagnostics.error("type", value.span(), what + " must be " + article(type.describe()) + ", not " + describe(value), null);
        return null;
    }

    private static String article(String noun) {
        return (noun.matches("^[aeiou].*") ? "an " : "a ") + noun;
    }

    private Object outOfRange(String what, ParamType type, Value value) {
        diagnostics.error("range", value.span(), what + " is out of range: " + valueText(value), "expected " + type.describe());
        return null;
    }

    private static String describe(Value v) {
        if (v instanceof NumberValue n) return n.integral() ? "the integer " + n.text() : "the number " + n.text();
        if (v instanceof StringValue) return "a string";
        if (v instanceof QuantityValue) return "an amount of time";
        if (v instanceof RangeValue) return "a range";
        if (v instanceof CallValue c) return "`" + valueText(c) + "`";
        return "`forever`";
    }

}
