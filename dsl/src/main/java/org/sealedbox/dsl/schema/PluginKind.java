package org.sealedbox.dsl.schema;

import java.util.Locale;

/** The kinds of plugin a scenario can name; each kind has its own namespace of names. */
public enum PluginKind {
    WORLD("worlds"), MODEL("models"), PRETRAIN("pretraining sources"), LEARNER("learners"),
    CONFIDENCE("confidence models"), JUDGE("judges"), MEASURE("measures"), EFFICACY("efficacy hypotheses");

    private final String plural;

    PluginKind(String plural) {
        this.plural = plural;
    }

    /** The keyword that names this kind in a scenario ({@code world}, {@code learner}, …). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String plural() {
        return plural;
    }
}
