package org.sealedbox.dsl.check;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.dsl.ScenarioCompiler;
import org.sealedbox.dsl.TestCatalog;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.TickStatement;

/** {@code import} and {@code extends}: a variant states only what differs from its parent. */
class InheritanceTest {
    static final String BASE = """
            scenario "base" {
              about "the parent"
              box { duration 10 years  tick 1 month  seed 7 }
              world concepts { fields 8 width 4 human 0..3 }
              agents llm count 10 {
                model linear
                pretrain humans samples 100
                learner sft lr 0.05
              }
              judge j = self_confidence threshold 0.5
              each tick {
                llm proposes 8 at frontier noise 0.5
                j selects into llm.weights
              }
              measure every 1 year { frontier drift }
              expect frontier at end == 0
              expect drift at end > 0
            }
            """;

    @TempDir
    Path dir;

    ScenarioCompiler.Compilation compile(String child) throws IOException {
        Files.writeString(dir.resolve("base.box"), BASE);
        Path file = dir.resolve("child.box");
        Files.writeString(file, child);
        return new ScenarioCompiler(TestCatalog.CATALOG).compile(ScenarioCompiler.read(file));
    }

    @Test
    void aVariantReplacesOnlyThePartsItNames() throws IOException {
        ScenarioCompiler.Compilation c = compile("""
                import "base.box"
                scenario "child" extends "base" {
                  box { seed 9 }
                  world concepts { fields 12 }
                  agents llm count 20 { learner sft lr 0.1 }
                  judge j = accept_all
                  each tick { llm proposes 4 at anywhere noise 0.1 }
                  expect drift at end > 1
                }
                """);
        assertTrue(c.ok(), c.diagnostics().render());
        ScenarioModel m = c.model().get();
        assertEquals("child", m.name());
        assertEquals("the parent", m.about());
        assertEquals(9, m.box().seed());
        assertEquals(120, m.box().ticks(), "the parent's duration and tick");
        assertEquals(12L, m.world().params().integer("fields"));
        assertEquals(4L, m.world().params().integer("width"), "the parent's other world parameters");
        assertEquals(20, m.populations().get(0).count());
        assertEquals(0.1, m.populations().get(0).learner().params().real("lr"));
        assertEquals(100L, m.populations().get(0).pretrain().params().integer("samples"), "the parent's pretraining");
        assertEquals("accept_all", m.judges().get("j").plugin().name());
        assertEquals(2, m.program().size());
        TickStatement.Propose p = (TickStatement.Propose) m.program().get(0);
        assertEquals(4, p.count());
        assertInstanceOf(TickStatement.Select.class, m.program().get(1), "the parent's selection, in its place");
        assertEquals(1, m.expectations().size(), "a variant's expectations are its own");
        assertEquals(2, m.measures().measures().size());
        assertTrue(m.expectations().get(0).span().source().name().endsWith("child.box"));
    }

    @Test
    void errorsInInheritedPartsPointIntoTheParentFile() throws IOException {
        ScenarioCompiler.Compilation c = compile("""
                import "base.box"
                scenario "child" extends "base" {
                  agents llm count 20 { learner sft lr 99 }
                }
                """);
        assertFalse(c.ok());
        String rendered = c.diagnostics().render();
        assertTrue(rendered.contains("child.box:3:"), rendered);
    }

    @Test
    void aMissingParentOrFileGetsAClearAnswer() throws IOException {
        String rendered = compile("""
                import "bse.box"
                import "base.box"
                scenario "child" extends "bsae" { }
                """).diagnostics().render();
        assertTrue(rendered.contains("child.box:1:8: error: there is no file `bse.box` next to child.box"), rendered);
        assertTrue(rendered.contains("child.box:3:26: error: no imported scenario is named \"bsae\""), rendered);
        assertTrue(rendered.contains("did you mean `base`?"), rendered);
    }

    @Test
    void importsCannotGoRoundInACircle() throws IOException {
        Files.writeString(dir.resolve("a.box"), "import \"b.box\"\nscenario \"a\" extends \"b\" { }\n");
        Files.writeString(dir.resolve("b.box"), "import \"a.box\"\nscenario \"b\" extends \"a\" { }\n");
        ScenarioCompiler.Compilation c = new ScenarioCompiler(TestCatalog.CATALOG).compile(ScenarioCompiler.read(dir.resolve("a.box")));
        assertTrue(c.diagnostics().render().contains("imports this file in turn"), c.diagnostics().render());
    }
}
