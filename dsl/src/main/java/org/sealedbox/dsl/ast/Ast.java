package org.sealedbox.dsl.ast;

import java.util.List;
import org.sealedbox.dsl.source.Span;

/**
 * The scenario as written: immutable records, one per construct, each with the span it came from.
 * Names are not resolved here; that is the validator's job, which never changes the AST.
 */
public final class Ast {
    private Ast() {}

    public sealed interface Node permits ScenarioNode, Item, Value, Param, Arg, PluginRef, Quantity,
            AgentItem, Stmt, Target, MeasureRef, Expr, When {
        Span span();
    }

    /**
     * A scenario as written: its items, the files it imports, and the scenario it extends ({@code parent}, null when
     * none). After inheritance is resolved, {@code items} holds the parent's items with the child's overrides.
     */
    public record ScenarioNode(String name, List<Item> items, Span span, List<Import> imports, List<Use> uses, String parent,
                               Span parentSpan) implements Node {
        public ScenarioNode(String name, List<Item> items, Span span) {
            this(name, items, span, List.of(), List.of(), null, null);
        }

        public ScenarioNode withItems(List<Item> merged) {
            return new ScenarioNode(name, merged, span, imports, uses, parent, parentSpan);
        }
    }

    /** {@code use "plugin.groovy"}: a script whose classes are plugins (path relative to this file). */
    public record Use(String path, Span span) {}

    /** {@code import "file.box"}: makes that file's scenario available to {@code extends}. */
    public record Import(String path, Span span) {}

    public sealed interface Item extends Node permits About, Box, World, Agents, Objective, Judge, EachTick, Generation, Measure, Expect, Sweep, Unknown {}

    /** {@code generation every N unit { pop param … }}: which populations are pretrained anew, and how. */
    public record Generation(Quantity every, List<Regenerate> populations, Span span) implements Item {}

    public record Regenerate(String population, Span populationSpan, List<Param> params, Span span) {}

    /** A word the language does not know where an item (or a {@code box} setting) should start. */
    public record Unknown(String word, String where, Span span) implements Item {}

    public record About(String text, Span span) implements Item {}

    /** The box's clock and seed; {@code checkpoint} is how often the full state is saved (null: never). */
    public record Box(Quantity duration, Quantity tick, Long seed, Span seedSpan, Quantity checkpoint, Span span) implements Item {}

    public record World(PluginRef plugin, Span span) implements Item {}

    public record Agents(String name, Span nameSpan, long count, Span countSpan, List<AgentItem> items, Span span)
            implements Item {}

    /** {@code objective name = expr}: a named scalar of a proposal's outcomes ({@code gold}, {@code proxy}, {@code proxy(judge)}, {@code character}). */
    public record Objective(String name, Span nameSpan, Expr expr, Span span) implements Item {}

    public record Judge(String name, Span nameSpan, PluginRef plugin, Span span) implements Item {}

    public record EachTick(List<Stmt> statements, Span span) implements Item {}

    public record Measure(Quantity every, List<MeasureRef> measures, Span span) implements Item {}

    public enum Quantifier { NONE, ALWAYS, EVENTUALLY }

    /** @param percent for {@code … in P% of seeds}: P; null otherwise */
    public record Expect(Quantifier quantifier, Expr left, String op, Expr right, String text, Span span, Double percent) implements Item {
        public Expect(Quantifier quantifier, Expr left, String op, Expr right, String text, Span span) {
            this(quantifier, left, op, right, text, span, null);
        }
    }

    /** {@code sweep { PATH in [v, …]  seeds lo..hi }}. */
    public record Sweep(List<Axis> axes, RangeValue seeds, Span span) implements Item {}

    /** One swept setting: its path as written ({@code world.caught}) and its values. */
    public record Axis(String path, List<Value> values, Span span) {}

    /** An amount of time as written: {@code 10 years}. The unit is checked by the validator. */
    public record Quantity(double amount, String unit, Span unitSpan, Span span) implements Node {}

    /** A plugin named in the file with its arguments in parentheses and its inline parameters. */
    public record PluginRef(String name, Span nameSpan, List<Arg> args, List<Param> params, Span span) implements Node {}

    /** An argument in parentheses, by position ({@code name == null}) or by name. */
    public record Arg(String name, Value value, Span span) implements Node {}

    public record Param(String name, Span nameSpan, Value value, Span span) implements Node {}

    public sealed interface Value extends Node permits NumberValue, StringValue, QuantityValue, RangeValue,
            CallValue, ForeverValue {}

    public record NumberValue(double value, boolean integral, String text, Span span) implements Value {}

    public record StringValue(String value, Span span) implements Value {}

    public record QuantityValue(double amount, String unit, Span span) implements Value {}

    public record RangeValue(long lo, long hi, Span span) implements Value {}

    /** A bare word, or a word with arguments: {@code chain}, {@code tree(2)}, {@code human}. */
    public record CallValue(String name, List<Arg> args, Span span) implements Value {}

    public record ForeverValue(Span span) implements Value {}

    public sealed interface AgentItem extends Node permits Component, Lifetime, Context {}

    /** {@code model …}, {@code pretrain …}, {@code learner …}, {@code confidence …}: the keyword says the plugin kind. */
    public record Component(String keyword, PluginRef plugin, Span span) implements AgentItem {}

    /** {@code lifetime forever} ({@code length == null}) or {@code lifetime 1 hour}. */
    public record Lifetime(Quantity length, Span span) implements AgentItem {}

    /** {@code context C [steps k] [lr η]}: notes capacity, and how the agent learns from them in context. */
    public record Context(long capacity, List<Param> params, Span span) implements AgentItem {}

    public sealed interface Stmt extends Node permits Propose, Select, Imitate {}

    public record Propose(String population, Span populationSpan, long count, Target target, List<Param> params, Span span)
            implements Stmt {}

    public record Select(String judge, Span judgeSpan, String from, Span fromSpan, String into, Span intoSpan,
                         String channel, Span channelSpan, Span span) implements Stmt {}

    /** {@code pop imitates humans [param …]}: interleaved imitation of human behaviour on temptations (character training). */
    public record Imitate(String population, Span populationSpan, String who, Span whoSpan, List<Param> params, Span span)
            implements Stmt {}

    public sealed interface Target extends Node permits Frontier, Anywhere, Fields {}

    public record Frontier(Span span) implements Target {}

    public record Anywhere(Span span) implements Target {}

    public record Fields(String word, long lo, long hi, Span span) implements Target {}

    /** A measure named in a {@code measure} block or an expectation, optionally of one population. */
    public record MeasureRef(String population, Span populationSpan, PluginRef plugin, Span span) implements Node {}

    public sealed interface Expr extends Node permits Num, Neg, Binary, MeasureAt, Aggregate {}

    public record Num(double value, Span span) implements Expr {}

    public record Neg(Expr operand, Span span) implements Expr {}

    public record Binary(String op, Expr left, Expr right, Span span) implements Expr {}

    public record MeasureAt(MeasureRef measure, When when, Span span) implements Expr {}

    /** {@code mean(x)}: a statistic over a sweep's seeds of an expression evaluated in each. */
    public record Aggregate(String fn, Span fnSpan, Expr inner, Span span) implements Expr {}

    public sealed interface When extends Node permits AtStart, AtEnd, AtTime {}

    public record AtStart(Span span) implements When {}

    public record AtEnd(Span span) implements When {}

    public record AtTime(Quantity time, Span span) implements When {}
}
