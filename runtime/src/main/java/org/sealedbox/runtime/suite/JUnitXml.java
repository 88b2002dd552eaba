package org.sealedbox.runtime.suite;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.sealedbox.runtime.results.Verdicts;

/**
 * Writes a scenario run as a JUnit XML report (the Ant/Surefire format CI servers read): one {@code testsuite} per
 * scenario, one {@code testcase} per {@code expect} line; a scenario that does not compile is one failing case holding
 * its diagnostics. Written to a temporary name and renamed, so a report is never half written.
 */
public final class JUnitXml {
    private JUnitXml() {}

    public static Path write(ScenarioRun run, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = run.file().toString().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+", "");
        Path target = dir.resolve("TEST-" + base + ".xml");
        Path tmp = org.sealedbox.runtime.results.AtomicFiles.temporary(target);
        try (Writer w = Files.newBufferedWriter(tmp)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", run.file().toString());
            int tests = run.compiled() ? run.verdicts().size() : 1;
            long failures = run.compiled() ? run.verdicts().stream().filter(v -> !Boolean.TRUE.equals(v.holds())).count() : 1;
            x.writeAttribute("tests", String.valueOf(tests));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", run.error() == null ? "0" : "1");
            x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", run.seconds()));
            x.writeCharacters("\n");
            if (!run.compiled()) {
                testcase(x, run, "compiles", run.compilation() == null ? run.error() : run.compilation().diagnostics().render(), "diagnostics");
            } else {
                for (Verdicts.Verdict v : run.verdicts()) {
                    String variant = v.detail().startsWith("[") ? v.detail().substring(0, v.detail().indexOf(']') + 1) + " " : "";
                    String name = "line " + v.expectation().span().line() + ": " + variant + v.expectation().text();
                    testcase(x, run, name, Boolean.TRUE.equals(v.holds()) ? null : ScenarioRun.describe(v), "expectation");
                }
                if (run.error() != null) testcase(x, run, "runs", run.error(), "error");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        org.sealedbox.runtime.results.AtomicFiles.replace(tmp, target);
        return target;
    }

    private static void testcase(XMLStreamWriter x, ScenarioRun run, String name, String failure, String type) throws XMLStreamException {
        x.writeCharacters("  ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", run.file().toString());
        x.writeAttribute("name", name);
        if (failure != null) {
            x.writeStartElement("failure");
            x.writeAttribute("type", type);
            x.writeAttribute("message", failure.lines().findFirst().orElse(failure));
            x.writeCharacters(failure);
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }
}
