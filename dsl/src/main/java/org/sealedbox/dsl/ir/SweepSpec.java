package org.sealedbox.dsl.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep { PATH in [v, …]  seeds lo..hi }}: the scenario as a family of runs — every combination of the axes'
 * values (a variant), each run with every seed. Values are kept as written, to be applied as overrides.
 */
public record SweepSpec(List<Axis> axes, long seedLo, long seedHi) {
    public record Axis(String path, List<String> values) {}

    public long seeds() {
        return seedHi - seedLo + 1;
    }

    /** Every variant: one override per axis, in axis order; a sweep with no axes has one empty variant. */
    public List<Map<String, String>> variants() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> v : out) {
                for (String value : a.values()) {
                    Map<String, String> m = new LinkedHashMap<>(v);
                    m.put(a.path(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** How a variant is named in reports: {@code world.caught=0.3}, or {@code all seeds} when nothing varies. */
    public static String label(Map<String, String> variant) {
        if (variant.isEmpty()) return "all seeds";
        StringBuilder b = new StringBuilder();
        variant.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append('=').append(v));
        return b.toString();
    }
}
