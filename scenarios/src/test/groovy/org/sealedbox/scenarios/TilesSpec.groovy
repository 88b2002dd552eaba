package org.sealedbox.scenarios

import org.nd4j.linalg.api.buffer.DataType
import org.sealedbox.dsl.ir.ScenarioModel
import org.sealedbox.dsl.source.Source
import org.sealedbox.runtime.ScenarioLoader
import org.sealedbox.runtime.box.Box
import org.sealedbox.runtime.box.MetricsRow
import org.sealedbox.runtime.wiring.PluginRegistry
import org.sealedbox.runtime.wiring.Wiring
import spock.lang.Shared
import spock.lang.Specification

/**
 * A tick of many agents runs a tile of agents at a time where nothing in it couples agents, so that its scratch memory
 * is one tile's however many agents there are. The box decides from the plugins' own word; the tiles must be the same
 * physics as one whole tick.
 */
class TilesSpec extends Specification {
    @Shared PluginRegistry registry = Wiring.registry()

    ScenarioModel scenario(Map settings = [:]) {
        def s = [count: 1000, judge: "self_confidence threshold 0.5", learner: "learner sft lr 0.05", model: "linear",
                 extra: "", into: "llm.weights", measures: "accuracy(human) accuracy(new) drift believed_frontier",
                 duration: "2 years", judges: ""] + settings
        def text = """
            scenario "tiles" {
              box { duration ${s.duration}  tick 1 month  seed 11 }
              world concepts { fields 10 width 8 human 0..3 }
              agents llm count ${s.count} {
                model ${s.model}
                pretrain humans samples 4000
                ${s.learner}
                ${s.extra}
              }
              ${s.judges}
              judge j = ${s.judge}
              each tick {
                llm proposes 8 at frontier noise 0.5
                j selects into ${s.into}
              }
              measure every 1 year { ${s.measures} }
            }"""
        def c = new ScenarioLoader(registry).load(new Source("tiles.box", text))
        assert c.ok(): c.diagnostics().render()
        c.model().get()
    }

    Box box(ScenarioModel model, long agentsPerTile) {
        new Box(model, registry, [], agentsPerTile)
    }

    def "#what: #tiles"() {
        given:
        Box b = box(scenario(settings), 300)

        when:
        b.start()

        then:
        b.agentsPerTile() == perTile

        where:
        what                                  | settings                                                                    || perTile
        "self-confidence and sft"             | [:]                                                                         || 250
        "an mlp"                              | [model: "mlp"]                                                              || 250
        "a ground truth checked per agent"    | [judge: "ground_truth budget 4"]                                            || 250
        "every judge of all() per agent"      | [judges: "judge c = self_confidence threshold 0.5  judge a = accept_all", judge: "all(c, a)"] || 250
        "a peer vote in any()"                | [judges: "judge c = self_confidence threshold 0.5  judge v = peer_vote peers 3 tolerance 0.5", judge: "any(c, v)"] || 0
        "no more agents than one tile"        | [count: 300]                                                                || 0
        "a budget over the whole population"  | [judge: "ground_truth budget 4 per population"]                             || 0
        "a peer vote"                         | [judge: "peer_vote peers 3 tolerance 0.5"]                                  || 0
        "a learner that keeps state per agent" | [learner: "learner fit"]                                             || 0
        "notes"                               | [learner: "learner context", extra: "context 16 steps 2 lr 0.1", into: "llm.notes"] || 0
        "a measure of what judges accepted"   | [measures: "gold drift"]                                                    || 0
        tiles = perTile > 0 ? "tiles of $perTile agents" : "whole"
    }

    def "tiles of uneven size split the agents evenly, and a box asks for none below 4,096 agents"() {
        expect:
        box(scenario(count: 1000), 400).with { start(); agentsPerTile() } == 334
        box(scenario(count: 1000), 0).with { start(); agentsPerTile() } == 0
    }

    def "every agent of every tile learns, the last tile's too: what a tile learns, its agents learn"() {
        given: "every proposal accepted, so every agent steps"
        Box b = box(scenario(judge: "accept_all"), 400)
        b.start()
        def pop = b.population("llm")
        def before = pop.model().params()[0].dup()
        def exposureBefore = pop.exposure().dup()

        when:
        b.step()

        then:
        b.agentsPerTile() == 334
        // how many agents' weights moved, and how many were exposed to more (norms per agent: Groovy's sum(1) is not ND4J's)
        pop.model().params()[0].sub(before).reshape(1000, -1).norm2(1).gt(0).castTo(DataType.DOUBLE).sumNumber().intValue() == 1000
        pop.exposure().sub(exposureBefore).norm1(1).gt(0).castTo(DataType.DOUBLE).sumNumber().intValue() == 1000
    }

    def "a tiled run draws other numbers than a whole one, with the same physics, and the same numbers every time"() {
        given:
        def model = scenario(count: 1200)

        when:
        def whole = run(box(model, 1200))
        def tiled = run(box(model, 300))
        def again = run(box(model, 300))

        then: "the agents learnt: their drift from the pretrained model grew far beyond the tolerance below"
        whole.last().values()["drift"] > 0.05

        and: "the tiled and the whole run agree on every measure, as two seeds of one box do"
        ["accuracy(human)", "accuracy(new)", "believed_frontier"].every {
            Math.abs(tiled.last().values()[it] - whole.last().values()[it]) < 0.005
        }
        Math.abs(tiled.last().values()["drift"] / whole.last().values()["drift"] - 1) < 0.05

        and:
        tiled.collect { it.values() } == again.collect { it.values() }
        tiled.last().values() != whole.last().values()
    }

    List<MetricsRow> run(Box b) {
        assert b.run() == null
        b.rows()
    }
}
