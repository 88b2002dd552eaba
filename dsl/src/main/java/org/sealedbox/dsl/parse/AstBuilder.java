package org.sealedbox.dsl.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
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

    public AstBuilder(Source source) {
        this.source = source;
    }

    public ScenarioNode build(ScenarioParser.FileContext file) {
        ScenarioParser.ScenarioContext sc = file.scenario();
        if (sc == null || sc.name == null || broken(sc.name)) {
            return new ScenarioNode("", List.of(), span(file));
        }
        List<Item> items = new ArrayList<>();
        for (ScenarioParser.ItemContext item : sc.item()) {
            if (broken(item) || item.SEMI() != null) continue;
            items.add(item(item));
        }
        return new ScenarioNode(unquote(sc.name.getText()), items, span(sc.name));
    }

    private Item item(ScenarioParser.ItemContext c) {
        if (c.about() != null) return new About(unquote(c.about().text.getText()), span(c.about()));
        if (c.box() != null) return box(c.box());
        if (c.world() != null) return new World(plugin(c.world().plugin(), c.world().param()), span(c.world()));
        if (c.agents() != null) return agents(c.agents());
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
        throw new IllegalStateException("grammar has an item the AST builder does not know: " + c.getText());
    }

    private Box box(ScenarioParser.BoxContext c) {
        Quantity duration = null, tick = null;
        Long seed = null;
        Span seedSpan = null;
        for (ScenarioParser.BoxItemContext item : c.boxItem()) {
            if (item instanceof ScenarioParser.BoxDurationContext d) duration = quantity(d.quantity());
            else if (item instanceof ScenarioParser.BoxTickContext t) tick = quantity(t.quantity());
            else if (item instanceof ScenarioParser.BoxSeedContext s) {
                seed = (long) Double.parseDouble(s.NUMBER().getText());
                seedSpan = span(s.NUMBER());
            }
        }
        return new Box(duration, tick, seed, seedSpan, span(c.BOX()));
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
                items.add(new Context((long) Double.parseDouble(x.NUMBER().getText()), span(x)));
        }
        return new Agents(c.name.getText(), span(c.name), (long) Double.parseDouble(c.count.getText()), span(c.count),
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
                stmts.add(new Propose(p.pop.getText(), span(p.pop), (long) Double.parseDouble(p.count.getText()),
                        target(p.target()), p.param().stream().map(this::param).toList(), span(p)));
            } else if (s instanceof ScenarioParser.SelectStmtContext sel) {
                stmts.add(new Select(sel.judgeName.getText(), span(sel.judgeName),
                        sel.from == null ? null : sel.from.getText(), sel.from == null ? null : span(sel.from),
                        sel.into.getText(), span(sel.into), sel.channel.getText(), span(sel.channel), span(sel)));
            }
        }
        return new EachTick(stmts, span(c.EACH()));
    }

    private Target target(ScenarioParser.TargetContext c) {
        if (c instanceof ScenarioParser.TargetFrontierContext) return new Frontier(span(c));
        if (c instanceof ScenarioParser.TargetAnywhereContext) return new Anywhere(span(c));
        var f = (ScenarioParser.TargetFieldsContext) c;
        return new Fields(f.IDENT().getText(), (long) Double.parseDouble(f.range().lo.getText()),
                (long) Double.parseDouble(f.range().hi.getText()), span(c));
    }

    private MeasureRef measureRef(ScenarioParser.MeasureRefContext c) {
        return new MeasureRef(c.pop == null ? null : c.pop.getText(), c.pop == null ? null : span(c.pop),
                plugin(c.plugin(), List.of()), span(c));
    }

    private Expect expect(ScenarioParser.ExpectContext c) {
        Quantifier q = c.quantifier == null ? Quantifier.NONE
                : c.quantifier.getType() == ScenarioLexer.ALWAYS ? Quantifier.ALWAYS : Quantifier.EVENTUALLY;
        String text = source.text().substring(c.getStart().getStartIndex(), c.getStop().getStopIndex() + 1);
        return new Expect(q, expr(c.left), c.op.getText(), expr(c.right), text, span(c));
    }

    private Expr expr(ScenarioParser.ExprContext c) {
        if (c instanceof ScenarioParser.ParenExprContext p) return expr(p.expr());
        if (c instanceof ScenarioParser.NegExprContext n) return new Neg(expr(n.expr()), span(c));
        if (c instanceof ScenarioParser.MulExprContext m) return new Binary(m.op.getText(), expr(m.expr(0)), expr(m.expr(1)), span(m.op));
        if (c instanceof ScenarioParser.AddExprContext a) return new Binary(a.op.getText(), expr(a.expr(0)), expr(a.expr(1)), span(a.op));
        if (c instanceof ScenarioParser.NumberExprContext n) return new Num(Double.parseDouble(n.NUMBER().getText()), span(c));
        var m = (ScenarioParser.MeasureExprContext) c;
        When when = null;
        if (m.when() instanceof ScenarioParser.AtStartContext s) when = new AtStart(span(s));
        else if (m.when() instanceof ScenarioParser.AtEndContext e) when = new AtEnd(span(e));
        else if (m.when() instanceof ScenarioParser.AtTimeContext t) {
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
            return new RangeValue((long) Double.parseDouble(r.range().lo.getText()),
                    (long) Double.parseDouble(r.range().hi.getText()), span(c));
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

    /** True when the subtree holds a syntax error (ANTLR recorded an exception or inserted an error node). */
    static boolean broken(ParseTree t) {
        if (t instanceof ErrorNode) return true;
        if (t instanceof TerminalNode term) return term.getSymbol().getTokenIndex() < 0;
        if (t instanceof ParserRuleContext c && c.exception != null) return true;
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
