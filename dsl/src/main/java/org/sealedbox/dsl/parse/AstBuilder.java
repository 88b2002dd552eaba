package org.sealedbox.dsl.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.sealedbox.dsl.diag.Diagnostics;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.sealedbox.dsl.ast.Ast.*;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;

/**
 * Parse tree → AST. The only class that sees ANTLR's {@code *Context} types.
 *
 * <p>After a syntax error ANTLR's recovery leaves holes in the tree; items that contain one are
 * left out of the AST (their syntax error is already reported), so the validator can still report
 * the semantic problems of everything else in the same pass.
 */
public final class AstBuilder {
    private final Source source;
    private final Diagnostics diagnostics;

    public AstBuilder(Source source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    public ScenarioNode build(ScenarioParser.FileContext file) {
        ScenarioParser.ScenarioContext sc = file.scenario();
        if (sc == null || sc.name == null || broken(sc.name)) {
            return new ScenarioNode("", List.of(), span(file));
        }
        List<Item> items = new ArrayList<>();
        boolean previousBroken = false;
        for (ScenarioParser.ItemContext item : sc.item()) {
            boolean isBroken = broken(item);
            // after a syntax error, recovery may leave the rest of the broken item looking like an unknown one
            boolean leftover = previousBroken && item.unknownItem() != null;
            previousBroken = isBroken;
            if (isBroken || leftover || item.SEMI() != null) continue;
            if (item.box() != null) {
                for (ScenarioParser.BoxItemContext b : item.box().boxItem()) {
                    if (b instanceof ScenarioParser.BoxUnknownContext u) items.add(new Unknown(u.name.getText(), "box", span(u.name)));
                }
            }
            items.add(item(item));
        }
        List<Import> imports = new ArrayList<>();
        for (ScenarioParser.ImportDeclContext i : file.importDecl()) {
            if (i.path != null && !broken(i.path)) imports.add(new Import(unquote(i.path.getText()), span(i.path)));
        }
        List<Use> uses = new ArrayList<>();
        for (ScenarioParser.UseDeclContext u : file.useDecl()) {
            if (u.path != null && !broken(u.path)) uses.add(new Use(unquote(u.path.getText()), span(u.path)));
        }
        String parent = sc.parent == null || broken(sc.parent) ? null : unquote(sc.parent.getText());
        return new ScenarioNode(unquote(sc.name.getText()), items, span(sc.name), imports, uses, parent, parent == null ? null : span(sc.parent));
    }

    private Item item(ScenarioParser.ItemContext c) {
        if (c.about() != null) return new About(unquote(c.about().text.getText()), span(c.about()));
        if (c.box() != null) return box(c.box());
        if (c.world() != null) return new World(plugin(c.world().plugin(), c.world().param()), span(c.world()));
        if (c.agents() != null) return agents(c.agents());
        if (c.objective() != null) {
            var o = c.objective();
            return new Objective(o.name.getText(), span(o.name), expr(o.expr()), span(o));
        }
        if (c.judge() != null) {
            var j = c.judge();
            return new Judge(j.name.getText(), span(j.name), plugin(j.plugin(), j.param()), span(j));
        }
        if (c.eachTick() != null) return eachTick(c.eachTick());
        if (c.measure() != null) {
            var m = c.measure();
            return new Measure(quantity(m.quantity()), m.measureRef().stream().map(this::measureRef).toList(), span(m.MEASURE()));
        }
        if (c.expect() != null) return expect(c.expect());
        if (c.sweep() != null) {
            List<Axis> axes = new ArrayList<>();
            RangeValue seeds = null;
            for (ScenarioParser.SweepItemContext i : c.sweep().sweepItem()) {
                if (i instanceof ScenarioParser.SweepAxisContext a) {
                    axes.add(new Axis(a.path.getText(), a.value().stream().map(this::value).toList(), span(a.path)));
                } else if (i instanceof ScenarioParser.SweepSeedsContext sd) {
                    seeds = new RangeValue(integer(sd.range().lo, "a seed"), integer(sd.range().hi, "a seed"), span(sd.range()));
                }
            }
            return new Sweep(axes, seeds, span(c.sweep().SWEEP()));
        }
        if (c.generation() != null) {
            var g = c.generation();
            List<Regenerate> pops = new ArrayList<>();
            for (ScenarioParser.RegenerateContext r : g.regenerate()) {
                if (r instanceof ScenarioParser.RegenerateStmtContext s) {
                    pops.add(new Regenerate(s.pop.getText(), span(s.pop), s.param().stream().map(this::param).toList(), span(s)));
                }
            }
            return new Generation(quantity(g.quantity()), pops, span(g.GENERATION()));
        }
        if (c.unknownItem() != null) return new Unknown(c.unknownItem().name.getText(), "scenario", span(c.unknownItem().name));
        throw new IllegalStateException("grammar has an item the AST builder does not know: " + c.getText());
    }

    private Box box(ScenarioParser.BoxContext c) {
        Quantity duration = null, tick = null, checkpoint = null;
        Long seed = null;
        Span seedSpan = null;
        for (ScenarioParser.BoxItemContext item : c.boxItem()) {
            if (item instanceof ScenarioParser.BoxDurationContext d) {
                once(duration, "duration", d);
                duration = quantity(d.quantity());
            } else if (item instanceof ScenarioParser.BoxTickContext t) {
                once(tick, "tick", t);
                tick = quantity(t.quantity());
            } else if (item instanceof ScenarioParser.BoxSeedContext s) {
                once(seed, "seed", s);
                seed = integer(s.NUMBER().getSymbol(), "a seed");
                seedSpan = span(s.NUMBER());
            } else if (item instanceof ScenarioParser.BoxCheckpointContext k) {
                once(checkpoint, "checkpoint", k);
                checkpoint = quantity(k.quantity());
            }
        }
        return new Box(duration, tick, seed, seedSpan, checkpoint, span(c.BOX()));
    }

    private void once(Object previous, String what, ParserRuleContext at) {
        if (previous != null) diagnostics.error("duplicate", span(at), "`" + what + "` is given twice in `box`", null);
    }

    /** An integer literal; a fraction or an integer too large for 64 bits is an error (not silently cut). */
    private long integer(Token t, String what) {
        double v = Double.parseDouble(t.getText());
        if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) {
            diagnostics.error("type", span(t), what + " must be a whole number, not " + t.getText(), null);
            return Math.abs(v) > 9.007199254740992E15 ? 1 : Math.max(1, (long) v); // one error, not a cascade of range errors
        }
        return (long) v;
    }

    private Agents agents(ScenarioParser.AgentsContext c) {
        List<AgentItem> items = new ArrayList<>();
        for (ScenarioParser.AgentItemContext item : c.agentItem()) {
            if (item instanceof ScenarioParser.AgentModelContext m) items.add(component("model", m.plugin(), m.param(), m));
            else if (item instanceof ScenarioParser.AgentPretrainContext p) items.add(component("pretrain", p.plugin(), p.param(), p));
            else if (item instanceof ScenarioParser.AgentLearnerContext l) items.add(component("learner", l.plugin(), l.param(), l));
            else if (item instanceof ScenarioParser.AgentConfidenceContext f) items.add(component("confidence", f.plugin(), f.param(), f));
            else if (item instanceof ScenarioParser.AgentLifetimeContext l)
                items.add(new Lifetime(l.quantity() == null ? null : quantity(l.quantity()), span(l)));
            else if (item instanceof ScenarioParser.AgentContextContext x)
                items.add(new Context(integer(x.NUMBER().getSymbol(), "a context size"), x.param().stream().map(this::param).toList(), span(x)));
        }
        return new Agents(c.name.getText(), span(c.name), integer(c.count, "an agent count"), span(c.count),
                items, span(c.AGENTS()));
    }

    private Component component(String keyword, ScenarioParser.PluginContext p, List<ScenarioParser.ParamContext> params,
                                ParserRuleContext whole) {
        return new Component(keyword, plugin(p, params), span(whole));
    }

    private EachTick eachTick(ScenarioParser.EachTickContext c) {
        List<Stmt> stmts = new ArrayList<>();
        for (ScenarioParser.StmtContext s : c.stmt()) {
            if (s instanceof ScenarioParser.ProposeStmtContext p) {
                stmts.add(new Propose(p.pop.getText(), span(p.pop), integer(p.count, "a number of proposals"),
                        target(p.target()), p.param().stream().map(this::param).toList(), span(p)));
            } else if (s instanceof ScenarioParser.SelectStmtContext sel) {
                stmts.add(new Select(sel.judgeName.getText(), span(sel.judgeName),
                        sel.from == null ? null : sel.from.getText(), sel.from == null ? null : span(sel.from),
                        sel.into.getText(), span(sel.into), sel.channel.getText(), span(sel.channel), span(sel)));
            } else if (s instanceof ScenarioParser.ImitateStmtContext im) {
                stmts.add(new Imitate(im.pop.getText(), span(im.pop), im.who.getText(), span(im.who),
                        im.param().stream().map(this::param).toList(), span(im)));
            }
        }
        return new EachTick(stmts, span(c.EACH()));
    }

    private Target target(ScenarioParser.TargetContext c) {
        if (c instanceof ScenarioParser.TargetFrontierContext) return new Frontier(span(c));
        if (c instanceof ScenarioParser.TargetAnywhereContext) return new Anywhere(span(c));
        var f = (ScenarioParser.TargetFieldsContext) c;
        return new Fields(f.IDENT().getText(), integer(f.range().lo, "a field"), integer(f.range().hi, "a field"), span(c));
    }

    private MeasureRef measureRef(ScenarioParser.MeasureRefContext c) {
        return new MeasureRef(c.pop == null ? null : c.pop.getText(), c.pop == null ? null : span(c.pop),
                plugin(c.plugin(), List.of()), span(c));
    }

    private Expect expect(ScenarioParser.ExpectContext c) {
        Quantifier q = c.quantifier == null ? Quantifier.NONE
                : c.quantifier.getType() == ScenarioLexer.ALWAYS ? Quantifier.ALWAYS : Quantifier.EVENTUALLY;
        // ANTLR's indices count code points, not Java chars: take the text from its own stream
        String text = c.getStart().getInputStream().getText(Interval.of(c.getStart().getStartIndex(), c.getStop().getStopIndex()));
        Double percent = c.pct == null ? null : Double.parseDouble(c.pct.getText());
        return new Expect(q, expr(c.left), c.op.getText(), expr(c.right), text, span(c), percent);
    }

    private Expr expr(ScenarioParser.ExprContext c) {
        if (c instanceof ScenarioParser.ParenExprContext p) return expr(p.expr());
        if (c instanceof ScenarioParser.NegExprContext n) return new Neg(expr(n.expr()), span(c));
        if (c instanceof ScenarioParser.MulExprContext m) return new Binary(m.op.getText(), expr(m.expr(0)), expr(m.expr(1)), span(m.op));
        if (c instanceof ScenarioParser.AddExprContext a) return new Binary(a.op.getText(), expr(a.expr(0)), expr(a.expr(1)), span(a.op));
        if (c instanceof ScenarioParser.NumberExprContext n) return new Num(Double.parseDouble(n.NUMBER().getText()), span(c));
        if (c instanceof ScenarioParser.AggregateExprContext a) return new Aggregate(a.fn.getText(), span(a.fn), expr(a.expr()), span(c));
        var m = (ScenarioParser.MeasureExprContext) c;
        When when = null;
        if (m.when() instanceof ScenarioParser.AtStartContext s) when = new AtStart(span(s));
        else if (m.when() instanceof ScenarioParser.AtEndContext e) when = new AtEnd(span(e));
        else if (m.when() instanceof ScenarioParser.AtTimeContext t) {
            when = new AtTime(new Quantity(Double.parseDouble(t.NUMBER().getText()), t.unit().getText(), span(t.unit()),
                    span(t)), span(t));
        } else if (m.when() instanceof ScenarioParser.AtAmountContext t) {
            when = new AtTime(new Quantity(Double.parseDouble(t.NUMBER().getText()), t.unit().getText(), span(t.unit()),
                    span(t)), span(t));
        }
        return new MeasureAt(measureRef(m.measureRef()), when, span(m));
    }

    private PluginRef plugin(ScenarioParser.PluginContext c, List<ScenarioParser.ParamContext> params) {
        return new PluginRef(c.name.getText(), span(c.name), c.arg().stream().map(this::arg).toList(),
                params.stream().map(this::param).toList(), span(c));
    }

    private Arg arg(ScenarioParser.ArgContext c) {
        if (c instanceof ScenarioParser.NamedArgContext n) return new Arg(n.IDENT().getText(), value(n.value()), span(c));
        return new Arg(null, value(((ScenarioParser.PositionalArgContext) c).value()), span(c));
    }

    private Param param(ScenarioParser.ParamContext c) {
        return new Param(c.name.getText(), span(c.name), value(c.value()), span(c));
    }

    private Value value(ScenarioParser.ValueContext c) {
        if (c instanceof ScenarioParser.QuantityValueContext q) {
            Token unit = q.TICK() != null ? q.TICK().getSymbol() : q.UNIT().getSymbol();
            return new QuantityValue(number(q.number()), unit.getText(), span(c));
        }
        if (c instanceof ScenarioParser.RangeValueContext r) {
            return new RangeValue(integer(r.range().lo, "a range bound"), integer(r.range().hi, "a range bound"), span(c));
        }
        if (c instanceof ScenarioParser.NumberValueContext n) {
            String text = n.number().getText();
            return new NumberValue(number(n.number()), !text.contains(".") && !text.contains("e") && !text.contains("E"),
                    text, span(c));
        }
        if (c instanceof ScenarioParser.StringValueContext s) return new StringValue(unquote(s.STRING().getText()), span(c));
        if (c instanceof ScenarioParser.CallValueContext call) {
            return new CallValue(call.ref.getText(), call.arg().stream().map(this::arg).toList(), span(c));
        }
        return new ForeverValue(span(c));
    }

    private static double number(ScenarioParser.NumberContext n) {
        double v = Double.parseDouble(n.NUMBER().getText());
        return n.MINUS() != null ? -v : v;
    }

    private Quantity quantity(ScenarioParser.QuantityContext c) {
        return new Quantity(Double.parseDouble(c.NUMBER().getText()), c.unit().getText(), span(c.unit()), span(c));
    }

    // ---- spans and recovery -------------------------------------------------------------

    Span span(ParserRuleContext c) {
        Token start = c.getStart();
        Token stop = c.getStop() == null || c.getStop().getTokenIndex() < start.getTokenIndex() ? start : c.getStop();
        int length = stop.getLine() == start.getLine()
                ? stop.getStopIndex() - start.getStartIndex() + 1
                : source.line(start.getLine()).length() - start.getCharPositionInLine();
        return new Span(source, start.getLine(), start.getCharPositionInLine() + 1, length);
    }

    Span span(TerminalNode t) {
        return span(t.getSymbol());
    }

    Span span(Token t) {
        return new Span(source, t.getLine(), t.getCharPositionInLine() + 1, t.getStopIndex() - t.getStartIndex() + 1);
    }

    /**
     * True when the subtree holds a syntax error: ANTLR recorded an exception, inserted an error node, left a
     * rule empty (every rule of this grammar matches at least one token), or conjured a missing operator.
     */
    static boolean broken(ParseTree t) {
        if (t instanceof ErrorNode) return true;
        if (t instanceof TerminalNode term) return term.getSymbol().getTokenIndex() < 0;
        if (t instanceof ParserRuleContext c && (c.exception != null || c.getChildCount() == 0)) return true;
        if (t instanceof ScenarioParser.ExpectContext e && (e.op == null || e.op.getTokenIndex() < 0)) return true;
        for (int i = 0; i < t.getChildCount(); i++) {
            if (broken(t.getChild(i))) return true;
        }
        return false;
    }

    private static boolean broken(Token t) {
        return t.getTokenIndex() < 0;
    }

    static String unquote(String s) {
        if (s.length() < 2) return s;
        return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }
}
