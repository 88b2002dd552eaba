package org.sealedbox.runtime.script;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.transform.CompileStatic;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;
import org.sealedbox.runtime.spi.PluginFactory;

/**
 * Compiles a Groovy plugin script: every public class in it that implements a plugin factory of
 * {@code org.sealedbox.runtime.spi} and has a no-argument constructor becomes a plugin. Scripts are always compiled
 * statically ({@code @CompileStatic}): a call that cannot be resolved is a compile error, not a run-time surprise, and
 * tensor code runs at Java speed. Untrusted scripts are also checked by the {@link Sandbox}. Problems are diagnostics
 * at the script's {@code file:line:col}.
 */
public final class ScriptPlugins {
    private ScriptPlugins() {}

    /** The plugins a script defines, or the diagnostics saying why it defines none. */
    public record Result(List<PluginFactory> factories, Diagnostics diagnostics) {}

    public static Result compile(Source script, boolean trusted, ClassLoader parent) {
        Diagnostics d = new Diagnostics();
        CompilerConfiguration config = new CompilerConfiguration();
        config.setSourceEncoding("UTF-8");
        // @Grab would fetch code from the network while compiling
        config.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
        if (!trusted) config.addCompilationCustomizers(Sandbox.beforeTypes());
        config.addCompilationCustomizers(new ASTTransformationCustomizer(CompileStatic.class));
        if (!trusted) config.addCompilationCustomizers(Sandbox.afterTypes());
        List<PluginFactory> factories = new ArrayList<>();
        try (GroovyClassLoader loader = new GroovyClassLoader(parent, config)) {
            String fileName = script.name().replaceAll(".*[/\\\\]", "");
            loader.parseClass(new GroovyCodeSource(script.text(), fileName, "/sealedbox/script"), false);
            List<Class<?>> classes = new ArrayList<>();
            for (Class<?> c : loader.getLoadedClasses()) classes.add(c);
            classes.sort(Comparator.comparing(Class::getName));
            for (Class<?> c : classes) {
                if (!PluginFactory.class.isAssignableFrom(c) || c.isInterface() || Modifier.isAbstract(c.getModifiers())
                        || !Modifier.isPublic(c.getModifiers()) || c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())) {
                    continue;
                }
                Constructor<?> ctor;
                try {
                    ctor = c.getConstructor();
                } catch (NoSuchMethodException e) {
                    d.error("script", new Span(script, 1, 1, 1), c.getSimpleName() + " implements a plugin factory but has no public "
                            + "no-argument constructor", "sealedbox creates factories itself; take parameters in `create(ParamValues)`");
                    continue;
                }
                try {
                    factories.add((PluginFactory) ctor.newInstance());
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
                    d.error("script", new Span(script, 1, 1, 1), "creating " + c.getSimpleName() + " failed: " + cause, null);
                }
            }
        } catch (MultipleCompilationErrorsException e) {
            for (Message m : e.getErrorCollector().getErrors()) report(script, m, d);
        } catch (java.io.IOException e) {
            d.error("script", new Span(script, 1, 1, 1), "cannot compile: " + e.getMessage(), null);
        } catch (RuntimeException | LinkageError e) {
            d.error("script", new Span(script, 1, 1, 1), "the Groovy compiler failed on this script: " + e, null);
        }
        return new Result(List.copyOf(factories), d);
    }

    private static void report(Source script, Message m, Diagnostics d) {
        if (m instanceof SyntaxErrorMessage s) {
            SyntaxException x = s.getCause();
            int line = Math.max(1, x.getStartLine()), col = Math.max(1, x.getStartColumn());
            int len = x.getEndLine() == x.getStartLine() && x.getEndColumn() > x.getStartColumn() ? x.getEndColumn() - x.getStartColumn() : 1;
            String text = x.getOriginalMessage();
            String hint = null;
            int cut = text.indexOf("\n\u2192 ");
            if (cut >= 0) { // the sandbox's refusals carry their hint after an arrow
                hint = text.substring(cut + 3);
                text = text.substring(0, cut);
            }
            text = text.replaceFirst("^\\[Static type checking\\] - ", "").strip();
            d.error("script", new Span(script, line, col, len), text, hint);
        } else if (m instanceof ExceptionMessage x) {
            d.error("script", new Span(script, 1, 1, 1), String.valueOf(x.getCause()), null);
        } else {
            java.io.StringWriter w = new java.io.StringWriter();
            m.write(new java.io.PrintWriter(w));
            d.error("script", new Span(script, 1, 1, 1), w.toString().strip(), null);
        }
    }
}
