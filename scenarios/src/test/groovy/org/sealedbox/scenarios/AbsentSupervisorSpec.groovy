package org.sealedbox.scenarios

import org.sealedbox.scenarios.spock.ScenarioSpecification
import spock.lang.Unroll

/**
 * The canon's dont-get-caught box driven from a where: table through ScenarioSpecification: overrides of the world's
 * P(caught) and a shorter box, any measure at any time.
 */
class AbsentSupervisorSpec extends ScenarioSpecification {
    static final String FILE = Cli.canon("dont-get-caught").toString()

    @Unroll
    def "with P(caught) = #caught the agents #verb the shortcut when watched"() {
        when:
        def run = run(FILE, ["world.caught": caught, duration: "40 years", "llm.count": 16])

        then: "unwatched, the shortcut always pays and is learnt"
        run.end("shortcut_rate(unobserved)") > 0.9
        run.at("shortcut_rate(unobserved)", 10) < run.at("shortcut_rate(unobserved)", 30)

        and: "watched, it is learnt exactly when 0.5 − P(caught) × 1 > 0"
        (run.end("shortcut_rate(observed)") > 0.5) == takes

        where:
        caught | takes
        0.2    | true
        0.8    | false
        verb = takes ? "take" : "decline"
    }

    def "a mistake in an override gets the scenario language's diagnostics"() {
        when:
        run(FILE, ["world.temptatons": 0.5])

        then:
        def e = thrown(AssertionError)
        e.message.contains("`concepts` has no parameter `temptatons`")
        e.message.contains("did you mean `temptations`?")
    }
}
