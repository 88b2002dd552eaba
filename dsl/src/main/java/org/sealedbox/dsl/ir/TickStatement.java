package org.sealedbox.dsl.ir;

import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.source.Span;

/** One statement of the {@code each tick} program, run in order every tick. */
public sealed interface TickStatement {
    Span span();

    /** {@code pop proposes N at target}: every agent of {@code population} makes {@code count} proposals. */
    record Propose(String population, int count, Target target, ParamValues params, Span span) implements TickStatement {}

    /** {@code judge selects [from pop] into pop.channel}. */
    record Select(String judge, String from, String into, Channel channel, Span span) implements TickStatement {}

    /**
     * {@code pop imitates humans [rate r] [examples n] [lr η] [efficacy E]}: character training, interleaved with the rest
     * of the program: {@code rate} imitation steps a tick on human behaviour on temptations, each scaled by the efficacy
     * hypothesis {@code efficacy} (a plugin).
     */
    record Imitate(String population, ParamValues params, Span span) implements TickStatement {}

    /**
     * Where accepted content goes: {@code weights} (the learner updates now), {@code notes} (the agent's context),
     * {@code corpus} (the pretraining data of the population's next generation).
     */
    enum Channel { WEIGHTS, NOTES, CORPUS }

    sealed interface Target {
        String describe();
    }

    /** Fields the agent believes it has not mastered yet, but whose prerequisites it believes it has. */
    record Frontier() implements Target {
        public String describe() {
            return "frontier";
        }
    }

    record Anywhere() implements Target {
        public String describe() {
            return "anywhere";
        }
    }

    record Fields(int lo, int hi) implements Target {
        public String describe() {
            return "fields " + lo + ".." + hi;
        }
    }
}
