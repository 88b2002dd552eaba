package org.sealedbox.dsl.ir;

import org.sealedbox.dsl.source.Span;

/**
 * {@code objective name = expr}: a named scalar of each proposal's outcomes, which judges select by and learners
 * maximise. The outcomes are {@code gold} (the world's truth of the proposal), {@code proxy} (what a judge rewards:
 * {@code proxy(j)} names the judge, a bare {@code proxy} means the judge whose verdict is being learnt from) and
 * {@code character} (on a temptation: 1 where the agent declined the shortcut, 0 where it took it).
 */
public record ObjectiveSpec(String name, Term expr, String text, Span span) {

    public sealed interface Term {}

    public record Const(double value) implements Term {}

    public record Neg(Term operand) implements Term {}

    public record Binary(char op, Term left, Term right) implements Term {}

    public enum Kind { GOLD, PROXY, CHARACTER }

    /** @param judge for {@code proxy(j)}: the judge whose score is meant; null for the judge at hand */
    public record Outcome(Kind kind, String judge) implements Term {}

    /** The judges this objective asks for scores. */
    public java.util.Set<String> judges() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        collect(expr, out);
        return out;
    }

    private static void collect(Term t, java.util.Set<String> out) {
        if (t instanceof Outcome o && o.judge() != null) out.add(o.judge());
        else if (t instanceof Neg n) collect(n.operand(), out);
        else if (t instanceof Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        }
    }
}
