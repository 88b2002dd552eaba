package org.sealedbox.runtime.script;

import static org.junit.jupiter.api.Assertions.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealedbox.dsl.diag.Diagnostic;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.runtime.spi.LearnerFactory;

/** A script that tries each forbidden thing is refused at the line that tries it; trusted, the same script compiles. */
class SandboxTest {
    /** A learner factory whose {@code schema()} runs {@code body} first (line 7 of the script). */
    static String script(String imports, String body) {
        return """
                import org.sealedbox.dsl.schema.*
                import org.sealedbox.runtime.spi.*
                %s
                class Sneaky implements LearnerFactory {
                    Learner create(ParamValues p) { null }
                    PluginSchema schema() {
                        def sneaked = %s
                        new PluginSchema(PluginKind.LEARNER, 'sneaky', 'tries a forbidden thing', [])
                    }
                }
                """.formatted(imports, body);
    }

    static ScriptPlugins.Result compile(String text, boolean trusted) {
        return ScriptPlugins.compile(new Source("sneaky.groovy", text), trusted, SandboxTest.class.getClassLoader());
    }

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of("reads a file", "", "new File('/etc/passwd').text", "read or write files"),
                Arguments.of("reads a file by NIO", "import java.nio.file.*", "Files.readString(Path.of('/etc/passwd'))", "read or write files"),
                Arguments.of("reads a file through a def", "", "{ -> def f = new File('/etc/passwd'); f.text }()", "read or write files"),
                Arguments.of("reads a URL", "", "new URL('http://example.com').text", "files or URLs"),
                Arguments.of("opens a socket", "", "new Socket('example.com', 80)", "use the network"),
                Arguments.of("runs a process (GDK)", "", "'ls'.execute()", "start processes"),
                Arguments.of("runs a process (Runtime)", "", "Runtime.getRuntime().exec('ls')", "start processes"),
                Arguments.of("runs a process (ProcessBuilder)", "", "new ProcessBuilder('ls').start()", "start processes"),
                Arguments.of("loads a class by name", "", "Class.forName('java.lang.Runtime')", "reflection"),
                Arguments.of("lists methods", "", "'x'.getClass().getDeclaredMethods()", "reflection"),
                Arguments.of("reads .class", "", "'x'.class", "reflection"),
                Arguments.of("uses the meta-class", "", "'x'.metaClass", "reflection"),
                Arguments.of("invokes by name", "", "'x'.invokeMethod('toUpperCase', null)", "reflection"),
                Arguments.of("calls a method named at run time", "", "{ String m -> 'x'.\"$m\"() }('toUpperCase')", "dynamic method name"),
                Arguments.of("reads a property by name", "", "'x'['bytes']", "reflection"),
                Arguments.of("uses java.lang.reflect", "import java.lang.reflect.Method", "(Method) null", "reflection"),
                Arguments.of("exits the JVM", "", "System.exit(0)", "reach into the JVM"),
                Arguments.of("reads the environment", "", "System.getenv('HOME')", "reach into the JVM"),
                Arguments.of("starts a thread", "", "new Thread({ -> }).start()", "reach into the JVM"),
                Arguments.of("evaluates code", "", "new GroovyShell().evaluate('1')", "compile or load code"),
                Arguments.of("evaluates code (Eval)", "", "Eval.me('1')", "compile or load code"),
                Arguments.of("reads an array from a file", "import org.nd4j.linalg.factory.Nd4j", "Nd4j.readNpy('/tmp/x.npy')", "read or write files"),
                Arguments.of("uses sealedbox's internals", "import org.sealedbox.runtime.wiring.Wiring", "Wiring.registry()", "internals"),
                Arguments.of("grabs a dependency", "@Grab('commons-io:commons-io:2.11.0')", "null", "@Grab"),
                Arguments.of("runs code while compiling", "@groovy.transform.ASTTest({ -> assert true })", "null", "@ASTTest"),
                Arguments.of("switches static compilation off", "@groovy.transform.CompileDynamic", "null", "@CompileDynamic"));
    }

    @ParameterizedTest(name = "a script that {0} is refused")
    @MethodSource("forbidden")
    void refusesEachForbiddenThing(String what, String imports, String body, String reason) {
        ScriptPlugins.Result r = compile(script(imports, body), false);
        assertTrue(r.factories().isEmpty(), what + ": no plugin comes out");
        String rendered = r.diagnostics().render();
        assertTrue(r.diagnostics().hasErrors(), what + ": refused");
        assertTrue(rendered.contains(reason), what + ": says why, got\n" + rendered);
        if (!reason.startsWith("dynamic")) { // static compilation refuses that one whether trusted or not
            assertTrue(rendered.contains("--trust"), what + ": says how to lift the sandbox, got\n" + rendered);
        }
        Diagnostic first = r.diagnostics().list().get(0);
        assertEquals("sneaky.groovy", first.span().source().name());
        // the import or annotation (line 3) or the call (line 7)
        assertTrue(first.span().line() == 7 || first.span().line() == 3 && !imports.isEmpty(),
                what + ": at the offending line, got\n" + rendered);
    }

    @Test
    void aTrustedScriptMayReadFiles() {
        ScriptPlugins.Result r = compile(script("", "new File('/etc/hostname').exists()"), true);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().render());
        assertEquals(1, r.factories().size());
        assertInstanceOf(LearnerFactory.class, r.factories().get(0));
    }

    @Test
    void aScriptThatComputesIsLetThrough() {
        String body = "{ -> def xs = [1d, 2d, 3d]; double s = 0; xs.each { s += Math.sqrt(it) }; "
                + "org.nd4j.linalg.factory.Nd4j.ones(3).muli(s).sumNumber() }()";
        ScriptPlugins.Result r = compile(script("", body), false);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().render());
        assertEquals(1, r.factories().size(), r.diagnostics().render() + r.factories());
        assertEquals("sneaky", r.factories().get(0).schema().name());
    }

    @Test
    void compileErrorsAreDiagnosticsAtTheScriptsLineAndColumn() {
        ScriptPlugins.Result r = compile(script("", "'x'.noSuchMethod()"), true);
        Diagnostic d = r.diagnostics().list().get(0);
        assertEquals(7, d.span().line());
        assertTrue(d.message().contains("noSuchMethod"), d.message());
        assertTrue(r.diagnostics().render().startsWith("sneaky.groovy:7:"), r.diagnostics().render());
    }
}
