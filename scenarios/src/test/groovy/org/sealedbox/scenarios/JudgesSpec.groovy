package org.sealedbox.scenarios

import org.sealedbox.dsl.source.Source
import org.sealedbox.runtime.Outcome
import org.sealedbox.runtime.ScenarioLoader
import org.sealedbox.runtime.Simulation
import org.sealedbox.runtime.wiring.PluginRegistry
import org.sealedbox.runtime.wiring.Wiring
import spock.lang.Shared
import spock.lang.Specification

/** What a judge lets into the weights decides how far self-training drifts: the direction, judge by judge. */
class JudgesSpec extends Specification {
    @Shared PluginRegistry registry = Wiring.registry()

    Outcome run(String judge) {
        def text = """
            scenario "judges" {
              box { duration 3 years  tick 1 month  seed 5 }
              world concepts { fields 10 width 8 human 0..3 }
              agents llm count 16 {
                model linear
                pretrain humans samples 4000
                learner sft lr 0.05
              }
              judge j = ${judge}
              each tick {
                llm proposes 8 at frontier noise 0.5
                j selects into llm.weights
              }
              measure every 1 year { drift accuracy(human) believed_frontier pretraining_share }
            }"""
        def c = new ScenarioLoader(registry).load(new Source("judges.box", text))
        assert c.ok(): c.diagnostics().render()
        Simulation.run(c.model().get(), registry, [])
    }

    def "#stricter keeps less of the agents' own ideas than #looser, so it drifts less"() {
        when:
        Outcome loose = run(looser)
        Outcome strict = run(stricter)

        then:
        strict.end("drift") < loose.end("drift")
        strict.end("accuracy(human)") >= loose.end("accuracy(human)")
        strict.end("pretraining_share") > loose.end("pretraining_share")

        where:
        looser                          | stricter
        "accept_all"                    | "self_confidence threshold 0.95"
        "self_confidence threshold 0.3" | "self_confidence threshold 0.7"
    }

    def "self-confidence that means 'I have trained on this' ends up accepting like accept_all"() {
        when:
        Outcome all = run("accept_all")
        Outcome confident = run("self_confidence threshold 0.5")

        then: "its confidence feeds on its own training, so the believed frontier runs ahead as with accept_all"
        confident.end("believed_frontier") > 0
        Math.abs(confident.end("drift") - all.end("drift")) < 0.5 * all.end("drift")
    }
}
