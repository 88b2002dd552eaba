package org.sealedbox.scenarios

import java.nio.file.Path
import org.sealedbox.dsl.ScenarioCompiler
import org.sealedbox.dsl.ir.BoxSpec
import org.sealedbox.dsl.ir.ScenarioModel
import org.sealedbox.runtime.ScenarioLoader
import org.sealedbox.runtime.box.Box
import org.sealedbox.runtime.box.Snapshot
import org.sealedbox.runtime.wiring.PluginRegistry
import org.sealedbox.runtime.wiring.Wiring
import spock.lang.Shared
import spock.lang.Specification

/**
 * A box saved at a tick, written to bytes, read back into a box rebuilt from its scenario and run on, ends in exactly
 * the state of the box that never stopped: every tensor, random stream and measurement, bit for bit. Each canon world
 * and learner is checked (short runs: the state, not the length, is under test).
 */
class CheckpointSpec extends Specification {
    @Shared PluginRegistry registry = Wiring.registry()

    ScenarioModel model(String file, long ticks) {
        def path = Path.of(file)
        def loader = new ScenarioLoader(registry)
        def base = loader.load(ScenarioCompiler.read(path))
        assert base.ok(): base.diagnostics().render()
        def m = base.model().get()
        // a short run of the same box: its expectations are about later years, so they go
        new ScenarioModel(m.name(), m.about(), m.source(), new BoxSpec(ticks, m.box().tickHours(), m.box().seed(), m.box().displayUnit(),
                m.box().displayHours()), m.world(), m.populations(), m.objectives(), m.judges(), m.program(), m.generations(),
                m.measures(), [], null, m.scripts())
    }

    static byte[] bytes(Snapshot s) {
        def buffer = new ByteArrayOutputStream()
        new DataOutputStream(buffer).withCloseable { s.write(it) }
        buffer.toByteArray()
    }

    static Snapshot read(byte[] b) {
        new DataInputStream(new ByteArrayInputStream(b)).withCloseable { Snapshot.read(it) }
    }

    def "#file: saved at tick #at of #ticks and resumed, it ends as if it never stopped"() {
        given:
        def m = model(file, ticks)

        when: "a box is saved at a tick and goes on to its end (saving only reads it)"
        def straight = new Box(m, registry, [])
        straight.start()
        while (straight.tick() < at) straight.step()
        byte[] saved = bytes(straight.snapshot())
        while (!straight.done()) straight.step()

        and: "another box, rebuilt from the scenario, resumes from the saved bytes"
        def resumed = new Box(m, registry, [])
        def divergence = resumed.run(read(saved))

        then:
        divergence == null
        resumed.tick() == straight.tick()
        resumed.rows() == straight.rows()
        resumed.snapshot().differences(straight.snapshot(), 5) == []

        where:
        file                                    | ticks | at
        "canon/whatever-seems-right.box"        | 8     | 5    // sft on a linear model
        "canon/character-training-decaying.box" | 8     | 3    // rl with a baseline, shortcut policies, efficacy
        "canon/evolution.box"                   | 6     | 3    // breeding: a generation every tick
        "canon/replace-vs-accumulate.box"       | 5     | 2    // corpora that grow at each generation
        "canon/long-context-only.box"           | 8     | 4    // notes in context
        "canon/fixed-judge.box"                 | 8     | 4    // a judge that fits its critic once
        "published/recursive-gaussian.box"      | 8     | 4    // the gaussian world
    }
}
