package org.sealedbox.runtime.results;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.ir.Expectation;
import org.sealedbox.dsl.ir.Expectation.*;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;
import org.sealedbox.runtime.box.MetricsRow;

class VerdictsTest {
    static final Span AT = new Span(new Source("t.box", "x"), 1, 1, 1);
    static final List<MetricsRow> ROWS = List.of(
            new MetricsRow(0, 0, Map.of("acc", 1.0, "drift", 0.0)),
            new MetricsRow(10, 1, Map.of("acc", 0.8, "drift", 0.5)),
            new MetricsRow(20, 2, Map.of("acc", 0.6, "drift", 0.9)));

    static Expectation expect(Quantifier q, Expr l, Op op, Expr r) {
        return new Expectation("text", AT, q, l, op, r);
    }

    @Test
    void comparesAtStartEndAndAGivenTick() {
        var end = new MeasureAt("acc", new End());
        var start = new MeasureAt("acc", new Start());
        assertTrue(Verdicts.evaluate(expect(Quantifier.NONE, end, Op.LT, start), ROWS, true).holds());
        var scaled = new Binary('*', new Const(0.7), start);
        var v = Verdicts.evaluate(expect(Quantifier.NONE, end, Op.LT, scaled), ROWS, true);
        assertTrue(v.holds(), v.detail());
        assertEquals("0.6000 < 0.7000", v.detail());
        var atTick15 = new MeasureAt("acc", new AtTick(15, "at year 1.5"));
        assertEquals(0.8, Verdicts.evaluate(expect(Quantifier.NONE, atTick15, Op.EQ, new Const(0.8)), ROWS, true).left(),
                "the last measurement at or before the tick");
    }

    @Test
    void alwaysAndEventuallyLookAtEveryMeasurement() {
        var drift = new MeasureAt("drift", null);
        var always = Verdicts.evaluate(expect(Quantifier.ALWAYS, drift, Op.LT, new Const(0.6)), ROWS, true);
        assertFalse(always.holds());
        assertTrue(always.detail().startsWith("fails at tick 20"), always.detail());
        var eventually = Verdicts.evaluate(expect(Quantifier.EVENTUALLY, drift, Op.GT, new Const(0.6)), ROWS, true);
        assertTrue(eventually.holds());
        assertTrue(eventually.detail().startsWith("holds from tick 20"), eventually.detail());
    }

    @Test
    void aRunThatStoppedEarlyLeavesLaterExpectationsUndecided() {
        var end = new MeasureAt("acc", new End());
        var v = Verdicts.evaluate(expect(Quantifier.NONE, end, Op.LT, new Const(1)), ROWS.subList(0, 2), false);
        assertNull(v.holds());
        assertEquals("undecided", v.status());
        var start = new MeasureAt("acc", new Start());
        assertTrue(Verdicts.evaluate(expect(Quantifier.NONE, start, Op.EQ, new Const(1)), ROWS.subList(0, 2), false).holds(),
                "what was measured before the stop can still be judged");
    }

    @Test
    void aVerdictAsJsonSaysWhatAPlotOfItNeeds() {
        var end = new MeasureAt("acc", new End());
        var m = Verdicts.toJson(Verdicts.evaluate(expect(Quantifier.NONE, end, Op.LT, new Const(0.7)), ROWS, true));
        assertEquals(List.of("file", "line", "expect", "status", "detail", "measure", "when", "op", "threshold", "holds"),
                List.copyOf(m.keySet()), "the old fields first, in their old order");
        assertEquals("t.box", m.get("file"));
        assertEquals("holds", m.get("status"));
        assertEquals("acc", m.get("measure"));
        assertEquals("end", m.get("when"));
        assertEquals("<", m.get("op"));
        assertEquals(0.7, m.get("threshold"));
        assertEquals(true, m.get("holds"));

        var atTick = new MeasureAt("drift", new AtTick(15, "year 1.5"));
        var scaled = new Binary('*', new Const(2), new MeasureAt("acc", new Start()));
        m = Verdicts.toJson(Verdicts.evaluate(expect(Quantifier.NONE, atTick, Op.GT, scaled), ROWS, true));
        assertEquals("drift", m.get("measure"), "the first measured value");
        assertEquals(15L, m.get("when"));
        assertNull(m.get("threshold"), "the right side measures something");
        assertEquals(false, m.get("holds"));

        m = Verdicts.toJson(Verdicts.evaluate(expect(Quantifier.ALWAYS, new MeasureAt("drift", null), Op.GE,
                new Neg(new Binary('/', new Const(1), new Const(4)))), ROWS, true));
        assertEquals("always", m.get("when"));
        assertEquals(-0.25, m.get("threshold"), "constant arithmetic is folded");

        m = Verdicts.toJson(Verdicts.evaluate(expect(Quantifier.NONE, new MeasureAt("acc", new End()), Op.LT, new Const(1)),
                ROWS.subList(0, 2), false));
        assertNull(m.get("holds"), "undecided");
        assertEquals("undecided", m.get("status"));

        m = Verdicts.toJson(Verdicts.evaluate(expect(Quantifier.EVENTUALLY, new Const(1), Op.LT, new Const(2)), ROWS, true));
        assertEquals("eventually", m.get("when"));
        assertNull(m.get("measure"));
    }
}
