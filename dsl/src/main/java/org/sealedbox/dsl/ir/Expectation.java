package org.sealedbox.dsl.ir;

import org.sealedbox.dsl.source.Span;

/** An {@code expect} line: a comparison of two expressions over measured values, at given times. */
public record Expectation(String text, Span span, Quantifier quantifier, Expr left, Op op, Expr right, Double percent) {
    public Expectation(String text, Span span, Quantifier quantifier, Expr left, Op op, Expr right) {
        this(text, span, quantifier, left, op, right, null);
    }

    /** Whether it is about a sweep's seeds together: {@code in P% of seeds}, or a statistic such as {@code mean(…)}. */
    public boolean acrossSeeds() {
        return percent != null || aggregates(left) || aggregates(right);
    }

    private static boolean aggregates(Expr e) {
        if (e instanceof Aggregate) return true;
        if (e instanceof Neg n) return aggregates(n.operand());
        return e instanceof Binary b && (aggregates(b.left()) || aggregates(b.right()));
    }


    public enum Quantifier { NONE, ALWAYS, EVENTUALLY }

    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public static Op of(String symbol) {
            for (Op op : values()) if (op.symbol.equals(symbol)) return op;
            throw new IllegalArgumentException(symbol);
        }

        public boolean holds(double a, double b) {
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                case EQ -> a == b;
                case NE -> a != b;
            };
        }
    }

    public sealed interface Expr {}

    public record Const(double value) implements Expr {}

    /** A statistic over a sweep's seeds ({@code mean}, {@code median}, {@code min}, {@code max}, {@code sd}) of an expression. */
    public record Aggregate(String fn, Expr inner) implements Expr {}

    public record Neg(Expr operand) implements Expr {}

    public record Binary(char op, Expr left, Expr right) implements Expr {}

    /** A measured value; {@code when == null} inside {@code always}/{@code eventually}, meaning "at each measurement". */
    public record MeasureAt(String key, When when) implements Expr {}

    public sealed interface When {}

    public record Start() implements When {}

    public record End() implements When {}

    /** At a given tick (the last measurement at or before it). */
    public record AtTick(long tick, String label) implements When {}
}
