package org.sealedbox.scenarios

import org.nd4j.linalg.api.buffer.DataType
import org.nd4j.linalg.api.ndarray.INDArray
import org.nd4j.linalg.factory.Nd4j
import org.sealedbox.dsl.ir.ScenarioModel
import org.sealedbox.dsl.source.Source
import org.sealedbox.runtime.ScenarioLoader
import org.sealedbox.runtime.box.Box
import org.sealedbox.runtime.box.Divergence
import org.sealedbox.runtime.spi.Workers
import org.sealedbox.runtime.wiring.PluginRegistry
import org.sealedbox.runtime.wiring.Wiring
import spock.lang.Shared
import spock.lang.Specification

/**
 * A {@code proposes}/{@code selects} pair runs as one fused pass over the agents where a kernel computes exactly the
 * physics of its plugins (plugins' ConceptsLinearSft and ConceptsMlpSft: canon #2's box and its variants, with a linear
 * model or an mlp). The kernel draws the same random
 * numbers as the statements, so a fused tick is the unfused tick up to the order of float sums: compared here number
 * by number, from the same start.
 */
class FusedSpec extends Specification {
    @Shared PluginRegistry registry = Wiring.registry()

    ScenarioModel scenario(Map settings = [:]) {
        def s = [count: 1000, judge: "self_confidence threshold 0.5", learner: "learner sft lr 0.05", model: "linear",
                 extra: "", into: "llm.weights", measures: "accuracy(human) accuracy(new) drift believed_frontier pretraining_share",
                 duration: "2 years", target: "at frontier", noise: "0.5", confidence: "", more: "", width: 8,
                 pretrain: "pretrain humans samples 4000", world: ""] + settings
        def text = """
            scenario "fused" {
              box { duration ${s.duration}  tick 1 month  seed 11 }
              world concepts { fields 10 width ${s.width} human 0..3 ${s.world} }
              agents llm count ${s.count} {
                model ${s.model}
                ${s.pretrain}
                ${s.learner}
                ${s.confidence}
                ${s.extra}
              }
              judge c = self_confidence threshold 0.5
              judge j = ${s.judge}
              each tick {
                llm proposes 8 ${s.target} noise ${s.noise}
                j selects into ${s.into}
                ${s.more}
              }
              measure every 1 year { ${s.measures} }
            }"""
        def c = new ScenarioLoader(registry).load(new Source("fused.box", text))
        assert c.ok(): c.diagnostics().render()
        c.model().get()
    }

    Box box(ScenarioModel model, long agentsPerTile = 0, boolean fuse = true) {
        new Box(model, registry, [], agentsPerTile, fuse)
    }

    def "#what: #fusedOrNot"() {
        given:
        Box b = box(scenario(settings))

        when:
        b.start()

        then:
        b.fusedPasses() == (fused ? [llm: fused] : [:])

        where:
        what                                     | settings                                                  || fused
        "self-confidence and sft"                | [:]                                                       || "concepts, linear, familiarity, self_confidence, sft"
        "accept_all"                             | [judge: "accept_all"]                                     || "concepts, linear, familiarity, accept_all, sft"
        "anywhere"                               | [target: "at anywhere"]                                      || "concepts, linear, familiarity, self_confidence, sft"
        "a range of fields"                      | [target: "at fields 4..6"]                                || "concepts, linear, familiarity, self_confidence, sft"
        "no exploration noise"                   | [noise: "0"]                                              || "concepts, linear, familiarity, self_confidence, sft"
        "batches as large as the slots"          | [learner: "learner sft lr 0.05 batch 8"]                  || "concepts, linear, familiarity, self_confidence, sft"
        "an mlp"                                 | [model: "mlp"]                                            || "concepts, mlp, familiarity, self_confidence, sft"
        "an mlp, accept_all"                     | [model: "mlp hidden 8", judge: "accept_all"]              || "concepts, mlp, familiarity, accept_all, sft"
        "an mlp with notes"                      | [model: "mlp", learner: "learner context", extra: "context 16 steps 2 lr 0.1", into: "llm.notes"] || null
        "an mlp, two steps a tick"               | [model: "mlp", learner: "learner sft lr 0.05 steps 2"]    || null
        "another judge"                          | [judge: "ground_truth budget 4"]                          || null
        "a combined judge"                       | [judge: "all(c, c)"]                                      || null
        "replayed human data"                    | [learner: "learner sft lr 0.05 replay 0.2"]               || null
        "two steps a tick"                       | [learner: "learner sft lr 0.05 steps 2"]                  || null
        "smaller batches"                        | [learner: "learner sft lr 0.05 batch 4"]                  || null
        "tastes"                                 | [noise: "0.5 focus 2"]                                    || null
        "notes"                                  | [learner: "learner context", extra: "context 16 steps 2 lr 0.1", into: "llm.notes"] || null
        "a measure of what judges accepted"      | [measures: "gold drift"]                                  || null
        "a second judge of the same proposals"   | [more: "c selects into llm.weights"]                      || null
        fusedOrNot = fused ? "fused" : "not fused"
    }

    def "a fused tick is the unfused tick, to rounding: #what"() {
        given: "two boxes from the same seed, one fused, one not"
        def model = scenario(settings)
        Box fused = box(model, perTile, true), plain = box(model, perTile, false)
        fused.start()
        plain.start()

        expect: "the same start"
        weights(fused).equals(weights(plain))

        when:
        ticks.times { fused.step(); plain.step() }

        then: "the same agents, up to float rounding"
        !fused.fusedPasses().isEmpty() && plain.fusedPasses().isEmpty()
        def moved = weights(plain).sub(weights(unstepped(model, perTile))).norm2Number().doubleValue()
        moved > 0.1 // the weights moved far more than the tolerance below
        weights(fused).sub(weights(plain)).norm2Number().doubleValue() < 1e-4 * moved
        relative(fused.population("llm").exposure(), plain.population("llm").exposure()) < 1e-5
        relative(fused.population("llm").signal(), plain.population("llm").signal()) < 1e-6

        and: "the same measures"
        def a = fused.measureNow().values(), b = plain.measureNow().values()
        a.keySet().every { Math.abs(a[it] - b[it]) < 1e-4 }

        where:
        what                         | settings                  | perTile | ticks
        "one tick"                   | [:]                       | 0       | 1
        "two years"                  | [:]                       | 0       | 24
        "two years in tiles"         | [:]                       | 300     | 24
        "more agents than a block"   | [count: 5000]             | 0       | 3
        "accept_all"                 | [judge: "accept_all"]     | 0       | 6
        "anywhere"                   | [target: "at anywhere"]      | 0       | 6
        "a range of fields"          | [target: "at fields 4..6"] | 0      | 6
        "no noise in confidence"     | [confidence: "confidence familiarity noise 0", judge: "self_confidence threshold 0.05"] | 0 | 6
        "blocks of 100 inputs"       | wide(100)                 | 0       | 6
        "blocks of 20 inputs"        | [width: 20, count: 2000]  | 0       | 6
        // α^8 = 1e-24 is a float, its square is not: the far ancestors' blocks are active with an energy of 0
        "ancestors with no energy"   | [world: "alpha 0.001", target: "at anywhere"] | 0 | 6
        "an mlp"                     | [model: "mlp hidden 16"]  | 0       | 24
        "an mlp in tiles"            | [model: "mlp hidden 16"]  | 300     | 24
        "an mlp of 64 units, anywhere" | [model: "mlp", target: "at anywhere", count: 300] | 0 | 6
        "an mlp, accept_all"         | [model: "mlp hidden 16", judge: "accept_all"] | 0 | 6
        "an mlp, a range of fields"  | [model: "mlp hidden 16", target: "at fields 4..6"] | 0 | 6
        "an mlp, blocks of 100 inputs" | wide(100) + [model: "mlp hidden 16", count: 300] | 0 | 6
        "an mlp, a tree of prerequisites" | [model: "mlp hidden 16", world: "prerequisites tree(2)"] | 0 | 6
    }

    def "a fused tick's numbers do not depend on how many threads run it: #what"() {
        given: "the same box run with 1, 2 and 3 worker threads, 5,000 agents (twenty groups of up to 256, taken by whichever thread is free)"
        def model = scenario(settings + [count: 5000])
        def runs = [1, 2, 3].collect { threads ->
            Workers.setCount(threads)
            try {
                Box b = box(model)
                b.start()
                3.times { b.step() }
                def pop = b.population("llm")
                [weights(b), pop.exposure().dup(), pop.signal().dup(), b.fusedPasses()]
            } finally {
                Workers.setCount(Workers.configured())
            }
        }

        expect: "fused, and the same numbers, bit for bit"
        runs.every { !it[3].isEmpty() }
        runs.every { it[0].equals(runs[0][0]) && it[1].equals(runs[0][1]) && it[2].equals(runs[0][2]) }

        where:
        what                   | settings
        "width 8"              | wide(8)
        "width 24"             | wide(24)
        "width 100"            | wide(100)
        "width 20"             | wide(20)
        "an mlp"               | [model: "mlp hidden 16"]
    }

    def "a fused pass that leaves a weight non-finite stops the run, naming what diverged, as an unfused tick does: #model, #tensor of agent #agent of #count"() {
        given:
        Box b = box(scenario(count: count, model: model))
        b.start()
        def params = b.population("llm").model().params()
        INDArray t = params[tensor]
        long[] at = t.rank() == 3 ? [agent, t.size(1) - 1, t.size(2) - 1] : [agent, t.size(1) - 1]
        t.putScalar(at, Float.NaN)

        when:
        b.step()

        then:
        !b.fusedPasses().isEmpty()
        def d = thrown(Divergence)
        d.message.contains("NaN weights of population `llm` after learner `sft`")

        where: "the last weight of an agent (an mlp's W1: in no situation's columns when its field is early), the last agent on a worker thread where there are two or more"
        model           | tensor | count | agent
        "linear"        | 0      | 100   | 5
        "linear"        | 0      | 5000  | 4999
        "mlp hidden 16" | 0      | 300   | 5
        "mlp hidden 16" | 0      | 5000  | 4999
        "mlp hidden 16" | 1      | 300   | 7
        "mlp hidden 16" | 2      | 300   | 7
        "mlp hidden 16" | 3      | 5000  | 4999
    }

    def "a fused run repeats exactly"() {
        given:
        def model = scenario(count: 500)

        expect:
        rows(box(model)) == rows(box(model))
    }

    /** Blocks of {@code width} inputs, with learning rates small enough for situations that long. */
    static Map wide(int width) {
        width <= 20 ? [width: width] : [width: width, learner: "learner sft lr 0.005", pretrain: "pretrain humans samples 4000 lr 0.005"]
    }

    /** Every weight of the population, in one vector of doubles. */
    INDArray weights(Box b) {
        Nd4j.concat(0, b.population("llm").model().params().collect { it.castTo(DataType.DOUBLE).dup('c' as char).reshape([it.length()] as long[]) } as INDArray[])
    }

    Box unstepped(ScenarioModel model, long perTile) {
        Box b = box(model, perTile, false)
        b.start()
        b
    }

    static double relative(INDArray a, INDArray b) {
        a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).norm2Number().doubleValue() / b.castTo(DataType.DOUBLE).norm2Number().doubleValue()
    }

    static List<Map<String, Double>> rows(Box b) {
        assert b.run() == null
        b.rows().collect { it.values() }
    }
}
