package org.sealedbox.dsl.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealedbox.dsl.ast.Ast.*;

/**
 * {@code scenario B extends A}: B is A with B's parts in place of A's, part by part, so that a variant states only what
 * differs. Rules, by item:
 * <ul>
 *   <li>{@code about}: B's, if it has one. {@code box}: each setting (duration, tick, seed) B gives replaces A's.</li>
 *   <li>{@code world}: B's; when it names the same plugin, B's parameters are added to A's, replacing those of the same
 *       name.</li>
 *   <li>{@code agents NAME}: part by part — B's {@code model}, {@code pretrain}, {@code learner}, {@code confidence},
 *       {@code lifetime} and {@code context} each replace A's; B's count replaces A's. A population only B has is added.</li>
 *   <li>{@code judge NAME}, {@code objective NAME}: B's replaces A's of the same name; new names are added.</li>
 *   <li>{@code each tick}: statements keep A's order; B's {@code proposes} by a population, {@code selects} by a judge
 *       into a population, and {@code imitates} by a population replace A's; B's other statements follow.</li>
 *   <li>{@code generation}, {@code measure}, {@code expect}: if B has any, they replace all of A's (a variant's results
 *       are its own).</li>
 * </ul>
 * Every item keeps the span of the file it came from, so diagnostics point into the right file.
 */
public final class Inheritance {
    private Inheritance() {}

    public static List<Item> merge(List<Item> parent, List<Item> child) {
        List<Item> out = new ArrayList<>();
        boolean childGenerations = child.stream().anyMatch(i -> i instanceof Generation);
        boolean childMeasures = child.stream().anyMatch(i -> i instanceof Measure);
        boolean childExpects = child.stream().anyMatch(i -> i instanceof Expect);
        Map<String, Item> byKey = new LinkedHashMap<>();
        for (Item c : child) {
            String k = key(c);
            if (k != null) byKey.put(k, c);
        }
        List<Item> used = new ArrayList<>();
        List<Stmt> childStatements = new ArrayList<>();
        for (Item c : child) if (c instanceof EachTick e) childStatements.addAll(e.statements());
        boolean tickMerged = false;
        for (Item p : parent) {
            if (p instanceof Generation && childGenerations || p instanceof Measure && childMeasures || p instanceof Expect && childExpects) continue;
            if (p instanceof EachTick e) {
                if (!tickMerged) {
                    out.add(new EachTick(statements(allStatements(parent), childStatements), e.span()));
                    tickMerged = true;
                }
                continue;
            }
            String k = key(p);
            Item c = k == null ? null : byKey.get(k);
            if (c == null) {
                out.add(p);
                continue;
            }
            used.add(c);
            out.add(override(p, c));
        }
        for (Item c : child) {
            if (used.contains(c)) continue;
            if (c instanceof EachTick) {
                if (!tickMerged) {
                    out.add(new EachTick(childStatements, c.span()));
                    tickMerged = true;
                }
                continue;
            }
            out.add(c);
        }
        return out;
    }

    private static List<Stmt> allStatements(List<Item> items) {
        List<Stmt> out = new ArrayList<>();
        for (Item i : items) if (i instanceof EachTick e) out.addAll(e.statements());
        return out;
    }

    /** What identifies an item across parent and child, or null for items that are not overridden one by one. */
    private static String key(Item i) {
        if (i instanceof About) return "about";
        if (i instanceof Box) return "box";
        if (i instanceof World) return "world";
        if (i instanceof Agents a) return "agents:" + a.name();
        if (i instanceof Judge j) return "judge:" + j.name();
        if (i instanceof Objective o) return "objective:" + o.name();
        return null;
    }

    private static Item override(Item p, Item c) {
        if (p instanceof Box a && c instanceof Box b) {
            return new Box(b.duration() != null ? b.duration() : a.duration(), b.tick() != null ? b.tick() : a.tick(),
                    b.seed() != null ? b.seed() : a.seed(), b.seed() != null ? b.seedSpan() : a.seedSpan(),
                    b.checkpoint() != null ? b.checkpoint() : a.checkpoint(), b.span());
        }
        if (p instanceof World a && c instanceof World b && a.plugin().name().equals(b.plugin().name())) {
            return new World(plugin(a.plugin(), b.plugin()), b.span());
        }
        if (p instanceof Agents a && c instanceof Agents b) {
            List<AgentItem> items = new ArrayList<>();
            for (AgentItem x : a.items()) {
                AgentItem replacement = b.items().stream().filter(y -> part(y).equals(part(x))).findFirst().orElse(null);
                items.add(replacement != null ? replacement : x);
            }
            for (AgentItem y : b.items()) if (a.items().stream().noneMatch(x -> part(x).equals(part(y)))) items.add(y);
            return new Agents(a.name(), a.nameSpan(), b.count(), b.countSpan(), items, b.span());
        }
        return c;
    }

    private static PluginRef plugin(PluginRef a, PluginRef b) {
        List<Param> params = new ArrayList<>();
        for (Param p : a.params()) if (b.params().stream().noneMatch(q -> q.name().equals(p.name()))) params.add(p);
        params.addAll(b.params());
        return new PluginRef(a.name(), b.nameSpan(), b.args().isEmpty() ? a.args() : b.args(), params, b.span());
    }

    private static String part(AgentItem i) {
        if (i instanceof Component c) return c.keyword();
        if (i instanceof Lifetime) return "lifetime";
        return "context";
    }

    private static List<Stmt> statements(List<Stmt> parent, List<Stmt> child) {
        List<Stmt> out = new ArrayList<>();
        List<Stmt> used = new ArrayList<>();
        for (Stmt p : parent) {
            Stmt c = child.stream().filter(s -> stmtKey(s).equals(stmtKey(p))).findFirst().orElse(null);
            if (c != null) used.add(c);
            out.add(c != null ? c : p);
        }
        for (Stmt c : child) if (!used.contains(c)) out.add(c);
        return out;
    }

    private static String stmtKey(Stmt s) {
        if (s instanceof Propose p) return "propose:" + p.population();
        if (s instanceof Select sel) return "select:" + sel.judge() + ":" + sel.from() + ":" + sel.into();
        if (s instanceof Imitate im) return "imitate:" + im.population();
        return "other:" + System.identityHashCode(s);
    }
}
