package org.sealedbox.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.ScenarioCompiler.Compilation;
import org.sealedbox.dsl.TestCatalog;
import org.sealedbox.dsl.ast.Ast;
import org.sealedbox.dsl.diag.Diagnostic;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.Expectation;
import org.sealedbox.dsl.ir.Expectation.Binary;
import org.sealedbox.dsl.ir.Expectation.Const;
import org.sealedbox.dsl.ir.Expectation.MeasureAt;
import org.sealedbox.dsl.ir.MeasurePlan;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.parse.ScenarioParsing;
import org.sealedbox.dsl.schema.Choice;
import org.sealedbox.dsl.schema.IntRange;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;

class ValidatorTest {

    private static final String WORLD_AND_AGENTS = """
              world concepts
              agents llm count 10 { model linear  learner sft }
            """;

    /** A minimal valid scenario around the given box and extra items. */
    private static String scenario(String box, String items) {
        return "scenario \"t\" {\n  box { " + box + " }\n" + WORLD_AND_AGENTS + items + "\n}\n";
    }

    private static Compilation compile(String text) {
        return TestCatalog.compiler().compile(new Source("t.box", text));
    }

    private static ScenarioModel model(String text) {
        Compilation c = compile(text);
        assertTrue(c.ok(), () -> "expected a clean compile, got:\n" + c.diagnostics().render());
        return c.model().orElseThrow();
    }

    private static List<Diagnostic> errors(String text) {
        Compilation c = compile(text);
        assertFalse(c.ok(), "expected errors");
        assertTrue(c.model().isEmpty(), "no model when there are errors");
        return c.diagnostics().list().stream().filter(Diagnostic::isError).toList();
    }

    // ---- the box's clock --------------------------------------------------------------------

    @Test
    void twoHundredYearsAtOneMonthIs2400Ticks() {
        Compilation c = compile(scenario("duration 200 years  tick 1 month  seed 7", ""));
        assertTrue(c.ok());
        assertTrue(c.diagnostics().list().isEmpty(), () -> c.diagnostics().render());
        var box = c.model().orElseThrow().box();
        assertEquals(2400, box.ticks());
        assertEquals(TimeUnits.HOURS_PER_YEAR / 12, box.tickHours(), 1e-9);
        assertEquals(7, box.seed());
        assertEquals("year", box.displayUnit());
        assertEquals(200.0, box.duration(), 1e-9);
        assertEquals(100.0, box.time(1200), 1e-9);
    }

    @Test
    void thousandYearsAtOneMonthIsExactly12000TicksWithoutWarning() {
        Compilation c = compile(scenario("duration 1000 years  tick 1 month", ""));
        assertTrue(c.ok());
        assertEquals(12000, c.model().orElseThrow().box().ticks());
        assertTrue(c.diagnostics().list().isEmpty(), () -> c.diagnostics().render());
    }

    @Test
    void thousandYearsAtOneWeekIsRoundedWithAWarning() {
        Compilation c = compile(scenario("duration 1000 years  tick 1 week", ""));
        assertTrue(c.ok(), "a rounding warning is not an error");
        double exact = 1000 * 365.2425 * 24 / 168;
        assertEquals(52177.5, exact, 1e-9);
        assertEquals(Math.round(exact), c.model().orElseThrow().box().ticks());
        assertEquals(52178, c.model().orElseThrow().box().ticks());
        List<Diagnostic> all = c.diagnostics().list();
        assertEquals(1, all.size(), () -> c.diagnostics().render());
        Diagnostic w = all.get(0);
        assertFalse(w.isError());
        assertEquals("rounding", w.code());
        assertTrue(w.message().contains("52177.500 ticks") && w.message().contains("52178 ticks"), w.message());
        assertEquals(2, w.span().line());
        assertEquals(18, w.span().column(), "points at `1000 years`");
    }

    @Test
    void durationInTicksUsesTheTick() {
        var box = model(scenario("duration 100 ticks  tick 1 day", "")).box();
        assertEquals(100, box.ticks());
        assertEquals(24.0, box.tickHours());
        assertEquals("tick", box.displayUnit());
    }

    @Test
    void checkpointsAreEveryGivenStretchOfBoxTimeInTicks() {
        assertEquals(24, model(scenario("duration 10 years  tick 1 month  checkpoint every 2 years", "")).box().checkpointTicks());
        assertEquals(0, model(scenario("duration 10 years  tick 1 month", "")).box().checkpointTicks(), "none unless asked");
        List<Diagnostic> e = errors(scenario("duration 10 years  tick 1 month  checkpoint every 2 hours", ""));
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).message().contains("shorter than one tick"), e.get(0).message());
    }

    @Test
    void seedDefaultsToOne() {
        assertEquals(1, model(scenario("duration 10 years  tick 1 year", "")).box().seed());
    }

    // ---- defaults and parameters ------------------------------------------------------------

    @Test
    void omittedParametersGetTheirDefaults() {
        ScenarioModel m = model(scenario("duration 10 years  tick 1 month", ""));
        ParamValues world = m.world().params();
        assertEquals(List.of("fields", "width", "prerequisites", "human", "alpha", "human_noise", "outputs"),
                List.copyOf(world.values().keySet()), "every declared parameter, in declared order");
        assertEquals(24, world.integer("fields"));
        assertEquals(16, world.integer("width"));
        assertEquals(new Choice("chain", null), world.choice("prerequisites"));
        assertEquals(new IntRange(0, 5), world.range("human"));
        assertEquals(0.7, world.real("alpha"));
        assertEquals(0.1, world.real("human_noise"));
        assertEquals(1, world.integer("outputs"));

        PopulationSpec llm = m.population("llm").orElseThrow();
        assertEquals(10, llm.count());
        assertEquals("linear", llm.model().name());
        assertEquals(0.0, llm.model().params().real("init"));
        assertEquals(Map.of("lr", 0.01, "replay", 0.0, "steps", 1L), llm.learner().params().values());
        // parts left out entirely are the standard plugins with their defaults
        assertEquals("humans", llm.pretrain().name());
        assertEquals(20000, llm.pretrain().params().integer("samples"));
        assertEquals("familiarity", llm.confidence().name());
        assertEquals(0.8, llm.confidence().params().real("mastered"));
        assertEquals(0, llm.lifetimeTicks(), "no lifetime: forever");
    }

    @Test
    void givenParametersOverrideDefaultsAndKeepDeclaredOrder() {
        String text = "scenario \"t\" {\n  box { duration 10 years  tick 1 month }\n"
                + "  world concepts { outputs 2  prerequisites tree(3)  fields 8  human 2 }\n"
                + "  agents llm count 3 { model linear  learner sft steps 4 lr 0.5  lifetime 2 years }\n}\n";
        ScenarioModel m = model(text);
        ParamValues world = m.world().params();
        assertEquals(List.of("fields", "width", "prerequisites", "human", "alpha", "human_noise", "outputs"),
                List.copyOf(world.values().keySet()));
        assertEquals(8, world.integer("fields"));
        assertEquals(2, world.integer("outputs"));
        assertEquals(new Choice("tree", 3L), world.choice("prerequisites"));
        assertEquals(3.0, world.choice("prerequisites").argumentAsDouble());
        assertEquals(new IntRange(2, 2), world.range("human"), "a single integer is a one-field range");
        ParamValues sft = m.population("llm").orElseThrow().learner().params();
        assertEquals(0.5, sft.real("lr"));
        assertEquals(4, sft.integer("steps"));
        assertEquals(0.0, sft.real("replay"));
        assertEquals(24, m.population("llm").orElseThrow().lifetimeTicks());
    }

    @Test
    void integerParametersAcceptOnlyIntegersAndRealOnesAcceptBoth() {
        ParamValues world = model(scenario("duration 10 years  tick 1 month", "").replace("world concepts",
                "world concepts alpha 0  human_noise 2")).world().params();
        assertEquals(0.0, world.real("alpha"));
        assertEquals(2.0, world.real("human_noise"));
        List<Diagnostic> errs = errors(scenario("duration 10 years  tick 1 month", "").replace("world concepts", "world concepts fields 8.0"));
        assertEquals(1, errs.size());
        assertEquals("type", errs.get(0).code());
    }

    @Test
    void positionalArgumentsFillParametersInDeclaredOrder() {
        ScenarioModel m = model(scenario("duration 10 years  tick 1 month",
                "  judge j = self_confidence(0.7)\n  measure every 1 year { accuracy(human)  frontier(0.5)  accuracy(fields new) }"));
        assertEquals(0.7, m.judges().get("j").plugin().params().real("threshold"));
        List<MeasurePlan.MeasureSpec> specs = m.measures().measures();
        assertEquals(new Choice("human", null), specs.get(0).plugin().params().choice("fields"));
        assertEquals(0.5, specs.get(1).plugin().params().real("mastery"));
        assertEquals(new Choice("new", null), specs.get(2).plugin().params().choice("fields"));
    }

    @Test
    void tooManyPositionalArgumentsIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 10 years  tick 1 month", "  measure every 1 year { accuracy(human, new) }"));
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("arguments", errs.get(0).code());
        assertTrue(errs.get(0).message().contains("`accuracy` takes at most 1 argument"), errs.get(0).message());
        assertEquals("accuracy(fields)", errs.get(0).hint());
    }

    @Test
    void aParameterGivenTwiceIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 10 years  tick 1 month", "  judge j = self_confidence(0.7) threshold 0.2"));
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("duplicate", errs.get(0).code());
        assertTrue(errs.get(0).hint().startsWith("first given at t.box:"), errs.get(0).hint());
    }

    // ---- measures ---------------------------------------------------------------------------

    @Test
    void measureKeysAreWrittenAsInTheScenario() {
        ScenarioModel m = model(scenario("duration 100 years  tick 1 month",
                "  measure every 10 years { frontier  accuracy(human)  accuracy(fields new)  drift }"));
        assertEquals(List.of("frontier", "accuracy(human)", "accuracy(fields new)", "drift"),
                m.measures().measures().stream().map(MeasurePlan.MeasureSpec::key).toList());
        assertEquals(120, m.measures().everyTicks());
        assertTrue(m.measures().measures().stream().allMatch(s -> s.population().equals("llm")));
    }

    @Test
    void withSeveralPopulationsMeasureKeysNameThePopulation() {
        String text = "scenario \"t\" {\n  box { duration 100 years  tick 1 month }\n  world concepts\n"
                + "  agents a count 1 { model linear  learner sft }\n  agents b count 1 { model linear  learner sft }\n"
                + "  measure every 10 years { a.frontier  b.accuracy(human) }\n"
                + "  expect b.accuracy(human) at end >= a.frontier at end\n}\n";
        ScenarioModel m = model(text);
        assertEquals(List.of("a.frontier", "b.accuracy(human)"), m.measures().measures().stream().map(MeasurePlan.MeasureSpec::key).toList());
        assertEquals("b", m.measures().measures().get(1).population());
        Expectation e = m.expectations().get(0);
        assertEquals(new MeasureAt("b.accuracy(human)", new Expectation.End()), e.left());
        assertEquals(new MeasureAt("a.frontier", new Expectation.End()), e.right());
    }

    @Test
    void aMeasureWithoutPopulationIsAmbiguousWhenThereAreSeveral() {
        String text = "scenario \"t\" {\n  box { duration 100 years  tick 1 month }\n  world concepts\n"
                + "  agents a count 1 { model linear  learner sft }\n  agents b count 1 { model linear  learner sft }\n"
                + "  measure every 10 years { frontier }\n}\n";
        List<Diagnostic> errs = errors(text);
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("ambiguous", errs.get(0).code());
        assertEquals("write `a.frontier`", errs.get(0).hint());
    }

    @Test
    void noMeasureBlockMeansMeasuringOnlyAtTheEnd() {
        ScenarioModel m = model(scenario("duration 100 years  tick 1 month", ""));
        assertEquals(1200, m.measures().everyTicks());
        assertTrue(m.measures().measures().isEmpty());
    }

    // ---- expectations -----------------------------------------------------------------------

    private static final String MEASURED = "  measure every 10 years { frontier  accuracy(human) }\n";

    private static Expectation expectation(String expect) {
        ScenarioModel m = model(scenario("duration 200 years  tick 1 month", MEASURED + "  " + expect));
        assertEquals(1, m.expectations().size());
        return m.expectations().get(0);
    }

    @Test
    void atYearIsResolvedToTheTick() {
        Expectation e = expectation("expect frontier at year 100 > 0");
        assertEquals(new MeasureAt("frontier", new Expectation.AtTick(1200, "at year 100")), e.left());
        assertEquals(Expectation.Op.GT, e.op());
        assertEquals(new Const(0), e.right());
        assertEquals(Expectation.Quantifier.NONE, e.quantifier());
    }

    @Test
    void otherTimesResolveToTicksToo() {
        assertEquals(new MeasureAt("frontier", new Expectation.AtTick(6, "at month 6")), expectation("expect frontier at month 6 > 0").left());
        assertEquals(new MeasureAt("frontier", new Expectation.AtTick(35, "at tick 35")), expectation("expect frontier at tick 35 > 0").left());
        assertEquals(new MeasureAt("frontier", new Expectation.AtTick(2400, "at year 200")), expectation("expect frontier at years 200 > 0").left());
        assertEquals(new MeasureAt("frontier", new Expectation.Start()), expectation("expect frontier at start > 0").left());
        assertEquals(new MeasureAt("frontier", new Expectation.End()), expectation("expect frontier at end > 0").left());
    }

    @Test
    void aTimeAfterTheEndIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 200 years  tick 1 month", MEASURED + "  expect frontier at year 201 > 0"));
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("range", errs.get(0).code());
        assertEquals("the box ends at year 200", errs.get(0).message());
    }

    @Test
    void multiplicationBindsTighterThanComparison() {
        Expectation e = expectation("expect accuracy(human) at end < 0.9 * accuracy(human) at start");
        assertEquals(new MeasureAt("accuracy(human)", new Expectation.End()), e.left());
        assertEquals(Expectation.Op.LT, e.op());
        assertEquals(new Binary('*', new Const(0.9), new MeasureAt("accuracy(human)", new Expectation.Start())), e.right());
        assertEquals("expect accuracy(human) at end < 0.9 * accuracy(human) at start", e.text());
    }

    @Test
    void arithmeticPrecedenceAndAssociativity() {
        assertEquals(new Binary('+', new Const(1), new Binary('*', new Const(2), new Const(3))),
                expectation("expect 1 + 2 * 3 < frontier at end").left());
        assertEquals(new Binary('*', new Binary('+', new Const(1), new Const(2)), new Const(3)),
                expectation("expect (1 + 2) * 3 < frontier at end").left());
        assertEquals(new Binary('-', new Binary('-', new Const(1), new Const(2)), new Const(3)),
                expectation("expect 1 - 2 - 3 < frontier at end").left(), "minus is left-associative");
        assertEquals(new Binary('/', new Binary('/', new Const(8), new Const(4)), new Const(2)),
                expectation("expect 8 / 4 / 2 < frontier at end").left(), "division is left-associative");
        assertEquals(new Binary('-', new MeasureAt("frontier", new Expectation.End()), new MeasureAt("frontier", new Expectation.Start())),
                expectation("expect frontier at end - frontier at start >= 0").left());
        assertEquals(new Expectation.Neg(new MeasureAt("frontier", new Expectation.End())),
                expectation("expect -frontier at end <= 0").left());
    }

    @Test
    void comparisonOperators() {
        Map<String, Expectation.Op> ops = Map.of("<", Expectation.Op.LT, "<=", Expectation.Op.LE, ">", Expectation.Op.GT,
                ">=", Expectation.Op.GE, "==", Expectation.Op.EQ, "!=", Expectation.Op.NE);
        ops.forEach((symbol, op) -> assertEquals(op, expectation("expect frontier at end " + symbol + " 0").op(), symbol));
    }

    @Test
    void alwaysAndEventuallyLookAtEveryMeasurement() {
        Expectation always = expectation("expect always accuracy(human) > 0.5 * accuracy(human)");
        assertEquals(Expectation.Quantifier.ALWAYS, always.quantifier());
        assertEquals(new MeasureAt("accuracy(human)", null), always.left());
        assertEquals(new Binary('*', new Const(0.5), new MeasureAt("accuracy(human)", null)), always.right());

        Expectation eventually = expectation("expect eventually frontier >= 3");
        assertEquals(Expectation.Quantifier.EVENTUALLY, eventually.quantifier());
        assertEquals(new MeasureAt("frontier", null), eventually.left());
        assertEquals(new Const(3), eventually.right());
    }

    @Test
    void aQuantifierWithATimeIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 200 years  tick 1 month", MEASURED + "  expect eventually frontier at end > 0"));
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("when", errs.get(0).code());
        assertTrue(errs.get(0).message().startsWith("`eventually` already says when"), errs.get(0).message());
    }

    @Test
    void anExpectationWithoutATimeIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 200 years  tick 1 month", MEASURED + "  expect frontier > 0"));
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("when", errs.get(0).code());
        assertEquals("say when `frontier` is read", errs.get(0).message());
    }

    // ---- the tick program -------------------------------------------------------------------

    @Test
    void theTickProgramIsResolvedInOrder() {
        ScenarioModel m = model(scenario("duration 10 years  tick 1 month",
                "  judge j = accept_all\n  each tick {\n    llm proposes 8 at frontier noise 0.5\n    j selects into llm.weights\n"
                        + "    llm proposes 2 at fields 3..5; llm proposes 1 at anywhere\n  }"));
        List<TickStatement> p = m.program();
        assertEquals(4, p.size());
        TickStatement.Propose first = assertInstanceOf(TickStatement.Propose.class, p.get(0));
        assertEquals("llm", first.population());
        assertEquals(8, first.count());
        assertEquals(new TickStatement.Frontier(), first.target());
        assertEquals(0.5, first.params().real("noise"));
        assertEquals(new TickStatement.Select("j", "llm", "llm", TickStatement.Channel.WEIGHTS, p.get(1).span()), p.get(1));
        TickStatement.Propose third = assertInstanceOf(TickStatement.Propose.class, p.get(2));
        assertEquals(new TickStatement.Fields(3, 5), third.target());
        assertEquals(0.3, third.params().real("noise"), "the default noise of `proposes`");
        assertEquals(new TickStatement.Anywhere(), ((TickStatement.Propose) p.get(3)).target());
    }

    @Test
    void selectingBeforeProposingIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 10 years  tick 1 month",
                "  judge j = accept_all\n  each tick {\n    j selects into llm.weights\n    llm proposes 1 at frontier\n  }"));
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("order", errs.get(0).code());
    }

    @Test
    void anErrorInAProposesLineDoesNotCascadeToTheSelection() {
        List<Diagnostic> errs = errors(scenario("duration 10 years  tick 1 month",
                "  judge j = accept_all\n  each tick {\n    llm proposes 1 at frontier nosie 0.5\n    j selects into llm.weights\n  }"));
        assertEquals(List.of("unknown-param"), errs.stream().map(Diagnostic::code).toList(), errs::toString);
    }

    @Test
    void aFractionalCountIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 10 years  tick 1 month", "").replace("count 10", "count 2.5"));
        assertEquals(1, errs.size(), errs::toString);
        assertTrue(errs.get(0).span().source().line(errs.get(0).span().line()).contains("count 2.5"), errs::toString);
    }

    @Test
    void aFieldRangeBeyondIntIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 10 years  tick 1 month",
                "  judge j = accept_all\n  each tick { llm proposes 1 at fields 0..3000000000 }"));
        assertEquals("range", errs.get(0).code());
    }

    @Test
    void aBoxItemGivenTwiceIsAnError() {
        List<Diagnostic> errs = errors(scenario("duration 200 years  duration 5 years  tick 1 month", ""));
        assertEquals(1, errs.size(), errs::toString);
        assertEquals("duplicate", errs.get(0).code());
        assertEquals(2, errs.get(0).span().line());
    }

    // ---- spans ------------------------------------------------------------------------------

    private static final String SPANS = """
            scenario "spans" {
              box { duration 200 years  tick 1 month }
              world concepts { fields 24  prerequisites tree(2) }
              agents llm count 10 {
                model linear
                learner sft lr 0.05
              }
              judge j = self_confidence threshold 0.5
              each tick {
                llm proposes 8 at frontier
                j selects into llm.weights
              }
              measure every 10 years { frontier  accuracy(human) }
              expect accuracy(human) at end < 0.9 * accuracy(human) at start
            }
            """;

    /** The span that {@code needle} (its {@code nth} occurrence on that line, from 1) has on {@code line}. */
    private static void assertSpan(Span span, int line, String needle, int nth) {
        String text = new Source("x", SPANS).line(line);
        int at = -1;
        for (int i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
        assertTrue(at >= 0, "test bug: `" + needle + "` not on line " + line);
        assertEquals(line, span.line(), () -> "line of " + span + " for `" + needle + "`");
        assertEquals(at + 1, span.column(), () -> "column of " + span + " for `" + needle + "` on line " + line + ": " + text);
        assertEquals(needle.length(), span.length(), () -> "length of " + span + " for `" + needle + "`");
    }

    private static void assertSpan(Span span, int line, String needle) {
        assertSpan(span, line, needle, 1);
    }

    @Test
    void astSpansPointAtTheRightLineAndColumn() {
        Source source = new Source("spans.box", SPANS);
        ScenarioParsing.Result parsed = ScenarioParsing.parse(source);
        assertFalse(parsed.diagnostics().hasErrors(), parsed.diagnostics().render());
        Ast.ScenarioNode sc = parsed.ast();
        assertSpan(sc.span(), 1, "\"spans\"");
        assertEquals(source, sc.span().source());

        Ast.Box box = (Ast.Box) sc.items().get(0);
        assertSpan(box.span(), 2, "box");
        assertSpan(box.duration().span(), 2, "200 years");
        assertSpan(box.duration().unitSpan(), 2, "years");
        assertSpan(box.tick().unitSpan(), 2, "month");

        Ast.World world = (Ast.World) sc.items().get(1);
        assertSpan(world.plugin().nameSpan(), 3, "concepts");
        Ast.Param fields = world.plugin().params().get(0);
        assertSpan(fields.nameSpan(), 3, "fields");
        assertSpan(fields.span(), 3, "fields 24");
        assertSpan(fields.value().span(), 3, "24");
        assertSpan(world.plugin().params().get(1).value().span(), 3, "tree(2)");

        Ast.Agents agents = (Ast.Agents) sc.items().get(2);
        assertSpan(agents.span(), 4, "agents");
        assertSpan(agents.nameSpan(), 4, "llm");
        assertSpan(agents.countSpan(), 4, "10");
        Ast.Component learner = (Ast.Component) agents.items().get(1);
        assertSpan(learner.span(), 6, "learner sft lr 0.05");
        assertSpan(learner.plugin().nameSpan(), 6, "sft");
        assertSpan(learner.plugin().params().get(0).nameSpan(), 6, "lr");

        Ast.Judge judge = (Ast.Judge) sc.items().get(3);
        assertSpan(judge.nameSpan(), 8, "j", 2); // the first `j` is in `judge`
        assertSpan(judge.plugin().nameSpan(), 8, "self_confidence");
        assertSpan(judge.plugin().params().get(0).value().span(), 8, "0.5");

        Ast.EachTick tick = (Ast.EachTick) sc.items().get(4);
        assertSpan(tick.span(), 9, "each");
        Ast.Propose propose = (Ast.Propose) tick.statements().get(0);
        assertSpan(propose.span(), 10, "llm proposes 8 at frontier");
        assertSpan(propose.populationSpan(), 10, "llm");
        assertSpan(propose.target().span(), 10, "frontier");
        Ast.Select select = (Ast.Select) tick.statements().get(1);
        assertSpan(select.judgeSpan(), 11, "j");
        assertSpan(select.intoSpan(), 11, "llm");
        assertSpan(select.channelSpan(), 11, "weights");
        assertNull(select.fromSpan());

        Ast.Measure measure = (Ast.Measure) sc.items().get(5);
        assertSpan(measure.span(), 13, "measure");
        assertSpan(measure.every().span(), 13, "10 years");
        assertSpan(measure.measures().get(0).span(), 13, "frontier");
        assertSpan(measure.measures().get(1).span(), 13, "accuracy(human)");
        assertSpan(measure.measures().get(1).plugin().nameSpan(), 13, "accuracy");
        assertSpan(measure.measures().get(1).plugin().args().get(0).span(), 13, "human");

        Ast.Expect expect = (Ast.Expect) sc.items().get(6);
        assertSpan(expect.span(), 14, "expect accuracy(human) at end < 0.9 * accuracy(human) at start");
        Ast.MeasureAt left = (Ast.MeasureAt) expect.left();
        assertSpan(left.span(), 14, "accuracy(human) at end");
        assertSpan(left.when().span(), 14, "at end");
        Ast.Binary right = (Ast.Binary) expect.right();
        assertSpan(right.span(), 14, "*");
        assertSpan(right.left().span(), 14, "0.9");
        assertSpan(right.right().span(), 14, "accuracy(human) at start");
        assertSpan(((Ast.MeasureAt) right.right()).measure().span(), 14, "accuracy(human)", 2);
    }

    @Test
    void irSpansPointBackAtTheScenario() {
        ScenarioModel m = model(SPANS);
        assertSpan(m.world().span(), 3, "concepts");
        assertSpan(m.population("llm").orElseThrow().learner().span(), 6, "sft");
        assertSpan(m.judges().get("j").span(), 8, "judge j = self_confidence threshold 0.5");
        assertSpan(m.program().get(0).span(), 10, "llm proposes 8 at frontier");
        assertSpan(m.program().get(1).span(), 11, "j selects into llm.weights");
        assertSpan(m.measures().measures().get(1).span(), 13, "accuracy(human)");
        assertSpan(m.expectations().get(0).span(), 14, "expect accuracy(human) at end < 0.9 * accuracy(human) at start");
    }

    @Test
    void diagnosticsPointAtTheCulprit() {
        String text = SPANS.replace("threshold 0.5", "threshold 5").replace("learner sft lr", "learner sft rl");
        Compilation c = compile(text);
        List<Diagnostic> errs = c.diagnostics().list();
        assertEquals(2, errs.size(), c.diagnostics().render());
        // sorted in source order
        assertEquals(6, errs.get(0).span().line());
        assertEquals(text.lines().toList().get(5).indexOf("rl") + 1, errs.get(0).span().column());
        assertEquals(8, errs.get(1).span().line());
        assertEquals(text.lines().toList().get(7).indexOf(" 5") + 2, errs.get(1).span().column());
        String rendered = errs.get(1).render();
        assertTrue(rendered.startsWith("t.box:8:"), rendered);
        assertTrue(rendered.contains("\n 8 |   judge j = self_confidence threshold 5\n"), rendered);
    }

    @Test
    void expectationTextSurvivesCharactersOutsideTheBmp() {
        ScenarioModel m = model("// \uD83D\uDE42\n" + SPANS);
        assertEquals("expect accuracy(human) at end < 0.9 * accuracy(human) at start", m.expectations().get(0).text());
    }

    // ---- the validator, used directly ---------------------------------------------------------

    @Test
    void theValidatorCollectsEveryErrorAndReturnsNoModel() {
        Source source = new Source("v.box", SPANS.replace("model linear", "model linaer").replace("tick 1 month", "tick 1 munth"));
        ScenarioParsing.Result parsed = ScenarioParsing.parse(source);
        assertFalse(parsed.diagnostics().hasErrors());
        Diagnostics diagnostics = new Diagnostics();
        var model = new Validator(TestCatalog.catalog(), diagnostics, false).validate(parsed.ast());
        assertTrue(model.isEmpty());
        assertEquals(List.of("unit", "unknown-plugin"), diagnostics.list().stream().map(Diagnostic::code).toList(),
                diagnostics.render());
    }

    @Test
    void aPartialAstYieldsNoModelAndNoMissingErrors() {
        Source source = new Source("v.box", "scenario \"p\" { }");
        ScenarioParsing.Result parsed = ScenarioParsing.parse(source);
        Diagnostics diagnostics = new Diagnostics();
        assertTrue(new Validator(TestCatalog.catalog(), diagnostics, true).validate(parsed.ast()).isEmpty());
        assertEquals(0, diagnostics.errorCount(), "after a syntax error, missing parts are not reported again");

        Diagnostics whole = new Diagnostics();
        assertTrue(new Validator(TestCatalog.catalog(), whole, false).validate(parsed.ast()).isEmpty());
        assertEquals(List.of("the scenario has no `box`", "the scenario has no `world`", "the scenario has no `agents`"),
                whole.list().stream().map(Diagnostic::message).toList());
    }
}
