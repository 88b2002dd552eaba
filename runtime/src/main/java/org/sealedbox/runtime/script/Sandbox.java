package org.sealedbox.runtime.script;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.codehaus.groovy.ast.*;
import org.codehaus.groovy.ast.expr.*;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;
import org.codehaus.groovy.transform.stc.StaticTypesMarker;

/**
 * What a script named by a scenario may do unless the user passes {@code --trust}: compute, on the values and tensors
 * sealedbox hands it. It may not read or write files, use the network, start processes, use reflection or the
 * meta-object protocol, reach into the JVM (system properties, environment, exit, threads, class loaders), compile or
 * load code at run time, touch native memory, or use sealedbox's internals.
 *
 * <p>Groovy's own {@code SecureASTCustomizer} checks receivers before types are known, so {@code def f = new File(p);
 * f.text} slips past it. The sandbox therefore checks after static compilation (scripts are always
 * {@code @CompileStatic}), when every call has its resolved target and every expression its type: a script is refused
 * if any expression has a forbidden type, any call resolves to a forbidden class or method (GDK extension methods
 * included, e.g. {@code String.execute()}), or any annotation could run code while compiling ({@code @Grab},
 * {@code @ASTTest}) or switch static compilation off ({@code @CompileDynamic}). It guards access, not resources: a
 * script can still loop forever or exhaust memory.
 */
public final class Sandbox {
    private Sandbox() {}

    static final String FILES = "read or write files";
    static final String NETWORK = "use the network";
    static final String RESOURCES = "read or write files or URLs";
    static final String PROCESSES = "start processes";
    static final String REFLECTION = "use reflection or the meta-object protocol";
    static final String JVM = "reach into the JVM (system properties, environment, exit, threads, class loaders)";
    static final String CODE = "compile or load code at run time";
    static final String NATIVE = "touch native memory";
    static final String INTERNALS = "use sealedbox's internals (plugins see org.sealedbox.runtime.spi and the DSL's schema, IR and diagnostics)";

    private static final Map<String, String> EXACT = Map.ofEntries(
            Map.entry("java.lang.Class", REFLECTION), Map.entry("java.lang.ClassLoader", JVM), Map.entry("java.lang.Module", REFLECTION),
            Map.entry("java.lang.ModuleLayer", REFLECTION), Map.entry("java.lang.System", JVM), Map.entry("java.lang.Runtime", PROCESSES),
            Map.entry("java.lang.Thread", JVM), Map.entry("java.lang.ThreadGroup", JVM), Map.entry("java.lang.SecurityManager", JVM),
            Map.entry("java.lang.StackWalker", REFLECTION), Map.entry("java.lang.Process", PROCESSES),
            Map.entry("java.lang.ProcessBuilder", PROCESSES), Map.entry("java.lang.ProcessHandle", PROCESSES),
            Map.entry("java.util.ServiceLoader", CODE), Map.entry("java.util.concurrent.Executors", JVM),
            Map.entry("groovy.lang.GroovyShell", CODE), Map.entry("groovy.lang.GroovyClassLoader", CODE),
            Map.entry("groovy.lang.GroovySystem", REFLECTION), Map.entry("groovy.util.Eval", CODE),
            Map.entry("groovy.util.GroovyScriptEngine", CODE), Map.entry("groovy.lang.ExpandoMetaClass", REFLECTION),
            Map.entry("org.codehaus.groovy.runtime.ProcessGroovyMethods", PROCESSES),
            Map.entry("org.codehaus.groovy.runtime.ResourceGroovyMethods", RESOURCES),
            Map.entry("org.codehaus.groovy.runtime.IOGroovyMethods", FILES),
            Map.entry("org.codehaus.groovy.runtime.SocketGroovyMethods", NETWORK),
            Map.entry("org.codehaus.groovy.runtime.InvokerHelper", REFLECTION));

    private static final List<String[]> PREFIXES = List.of(
            new String[] {"java.io.", FILES}, new String[] {"java.nio.file.", FILES}, new String[] {"java.nio.channels.", FILES},
            new String[] {"groovy.io.", FILES}, new String[] {"org.apache.groovy.nio.", FILES}, new String[] {"java.util.zip.", FILES},
            new String[] {"java.util.jar.", FILES}, new String[] {"java.util.logging.", FILES}, new String[] {"java.util.prefs.", FILES},
            new String[] {"java.net.", NETWORK}, new String[] {"javax.net.", NETWORK}, new String[] {"java.rmi.", NETWORK},
            new String[] {"java.sql.", NETWORK}, new String[] {"java.lang.reflect.", REFLECTION},
            new String[] {"java.lang.invoke.", REFLECTION}, new String[] {"java.beans.", REFLECTION},
            new String[] {"groovy.lang.Meta", REFLECTION}, new String[] {"org.codehaus.groovy.reflection.", REFLECTION},
            new String[] {"org.codehaus.groovy.runtime.metaclass.", REFLECTION}, new String[] {"org.codehaus.groovy.runtime.callsite.", REFLECTION},
            new String[] {"java.lang.ref.", JVM}, new String[] {"java.lang.management.", JVM}, new String[] {"java.lang.instrument.", JVM},
            new String[] {"java.security.", JVM}, new String[] {"javax.", JVM}, new String[] {"org.codehaus.groovy.control.", CODE},
            new String[] {"org.codehaus.groovy.ast.", CODE}, new String[] {"org.codehaus.groovy.tools.", CODE},
            new String[] {"groovy.grape.", CODE}, new String[] {"groovy.json.", FILES}, new String[] {"groovy.xml.", FILES},
            new String[] {"groovy.sql.", NETWORK}, new String[] {"sun.", NATIVE}, new String[] {"com.sun.", NATIVE},
            new String[] {"jdk.", NATIVE}, new String[] {"org.bytedeco.", NATIVE}, new String[] {"org.nd4j.nativeblas.", NATIVE});

    private static final List<String> OPEN_SEALEDBOX = List.of("org.sealedbox.runtime.spi.", "org.sealedbox.dsl.schema.",
            "org.sealedbox.dsl.ir.", "org.sealedbox.dsl.diag.", "org.sealedbox.dsl.source.");

    /** Methods that reach objects by a name known only at run time, or change how objects respond: on any class. */
    private static final Set<String> REFLECTIVE_METHODS = Set.of("invokeMethod", "getMetaClass", "setMetaClass", "getProperty",
            "setProperty", "getMetaPropertyValues", "getProperties", "hasProperty", "respondsTo", "mixin", "use", "dump",
            "addShutdownHook", "getClass", "evaluate", "methodMissing", "propertyMissing");
    private static final Set<String> REFLECTIVE_PROPERTIES = Set.of("metaClass", "class", "properties", "metaPropertyValues");

    /** ND4J reads and writes arrays from files and streams through methods of ordinary classes. */
    private static final Pattern ND4J_IO = Pattern.compile("(read|write|save|load|export|import).*|.*(npy|Npy|File|Stream|Binary|Text).*");

    private static final Set<String> ANNOTATIONS = Set.of("Override", "Deprecated", "SuppressWarnings", "FunctionalInterface", "SafeVarargs");

    /** The refusal's sentence: what a sandboxed script may not do, and the thing that would have done it. */
    static String mayNot(String why, String what) {
        return "a sandboxed script may not " + why + ": " + what;
    }

    /** Why a class is forbidden, or null where it is open. */
    static String reason(String className) {
        String exact = EXACT.get(className);
        if (exact != null) return exact;
        if (className.equals("java.io.Serializable") || className.equals("java.io.Closeable")) return null; // common supertypes
        if (className.startsWith("org.sealedbox.")) return OPEN_SEALEDBOX.stream().anyMatch(className::startsWith) ? null : INTERNALS;
        for (String[] p : PREFIXES) if (className.startsWith(p[0])) return p[1];
        return null;
    }

    /** Checks that need no types: imports and annotations, before anything could act on them. */
    static CompilationCustomizer beforeTypes() {
        return new CompilationCustomizer(CompilePhase.CONVERSION) {
            private final Set<SourceUnit> importsChecked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

            @Override
            public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
                Refusals r = new Refusals(source);
                if (importsChecked.add(source)) {
                    ModuleNode module = source.getAST();
                    for (ImportNode i : module.getImports()) r.type(i.getType().getName(), i);
                    for (ImportNode i : module.getStarImports()) r.type(i.getPackageName(), i);
                    for (ImportNode i : module.getStaticImports().values()) r.type(i.getType().getName(), i);
                    for (ImportNode i : module.getStaticStarImports().values()) r.type(i.getType().getName(), i);
                }
                try {
                    visit(source, classNode, r);
                } finally {
                    r.flush();
                }
            }

            private void visit(SourceUnit source, ClassNode classNode, Refusals r) {
                new ClassCodeVisitorSupport() {
                    @Override
                    protected SourceUnit getSourceUnit() {
                        return source;
                    }

                    @Override
                    public void visitAnnotations(AnnotatedNode node) {
                        for (AnnotationNode a : node.getAnnotations()) {
                            String name = a.getClassNode().getName();
                            String simple = name.substring(name.lastIndexOf('.') + 1);
                            boolean open = ANNOTATIONS.contains(simple) && (name.equals(simple) || name.equals("java.lang." + simple));
                            if (!open) {
                                r.refuse(a, "a sandboxed script may not use the annotation @" + simple + " (annotations can run code while "
                                        + "compiling or switch off static compilation; scripts are compiled statically already)");
                            }
                        }
                    }

                    @Override
                    public void visitDeclarationExpression(DeclarationExpression e) {
                        visitAnnotations(e);
                        super.visitDeclarationExpression(e);
                    }
                }.visitClass(classNode);
            }
        };
    }

    /** Checks on the statically compiled tree: every type, call target and name. */
    static CompilationCustomizer afterTypes() {
        return new CompilationCustomizer(CompilePhase.CLASS_GENERATION) {
            @Override
            public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
                Refusals r = new Refusals(source);
                try {
                    if (!classNode.isScript()) r.header(classNode);
                    new TypedChecks(source, r).visitClass(classNode);
                } finally {
                    r.flush();
                }
            }
        };
    }

    /**
     * Collects refusals and reports the most telling one per line as a compile error there: a forbidden call
     * ({@code `Runtime.exec`}) rather than the forbidden types of the values around it.
     */
    private static final class Refusals {
        private final SourceUnit source;
        private record Refusal(ASTNode node, String message, boolean call) {}

        private final java.util.TreeMap<Integer, Refusal> best = new java.util.TreeMap<>();

        Refusals(SourceUnit source) {
            this.source = source;
        }

        /** A forbidden type where {@code node} is. */
        void refuse(ASTNode node, String message) {
            best.putIfAbsent(node.getLineNumber(), new Refusal(node, message, false));
        }

        /** A forbidden call or name: what the user wrote, so it wins over the types around it. */
        void refuseCall(ASTNode node, String message) {
            Refusal before = best.get(node.getLineNumber());
            if (before == null || !before.call()) best.put(node.getLineNumber(), new Refusal(node, message, true));
        }

        /** Reports what was collected: one error per line. */
        void flush() {
            for (Refusal b : best.values()) {
                ASTNode node = b.node();
                SyntaxException x = new SyntaxException(b.message() + "\n\u2192 `--trust` lifts the sandbox for a script you trust",
                        node.getLineNumber(), node.getColumnNumber(), node.getLastLineNumber(), node.getLastColumnNumber());
                source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(x, source));
            }
            best.clear();
        }

        /** Refuses {@code type} (and its element, type arguments and superclasses) where forbidden. */
        void type(ClassNode type, ASTNode at) {
            String why = why(type, 0);
            if (why != null) refuse(at, why);
        }

        void type(String className, ASTNode at) {
            String why = reason(className);
            if (why != null) refuse(at, mayNot(why, "`" + className + "`"));
        }

        private String why(ClassNode type, int depth) {
            if (type == null || depth > 8) return null;
            if (type.isArray()) return why(type.getComponentType(), depth + 1);
            for (ClassNode c = type; c != null && depth < 8; c = c.getSuperClass(), depth++) {
                String reason = reason(c.getName());
                if (reason != null) return mayNot(reason, "`" + c.getName() + "`");
                if (c.getName().equals("java.lang.Object")) break;
            }
            if (type.getGenericsTypes() != null) {
                for (GenericsType g : type.getGenericsTypes()) {
                    String w = g.isPlaceholder() || g.isWildcard() ? null : why(g.getType(), depth + 1);
                    if (w != null) return w;
                }
            }
            return null;
        }

        void header(ClassNode c) {
            type(c.getUnresolvedSuperClass(), c);
            for (ClassNode i : c.getInterfaces()) type(i, c);
        }
    }

    private static final class TypedChecks extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final Refusals r;

        TypedChecks(SourceUnit source, Refusals r) {
            this.source = source;
            this.r = r;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        private void inferred(Expression e) {
            Object t = e.getNodeMetaData(StaticTypesMarker.INFERRED_TYPE);
            if (t instanceof ClassNode c) r.type(c, e);
        }

        private void target(Expression call) {
            Object t = call.getNodeMetaData(StaticTypesMarker.DIRECT_METHOD_CALL_TARGET);
            if (!(t instanceof MethodNode m)) return;
            MethodNode original = m instanceof ExtensionMethodNode x ? x.getExtensionMethodNode() : m;
            String owner = original.getDeclaringClass().getName();
            String method = m.getName();
            String why = reason(owner);
            if (why != null) {
                r.refuseCall(call, mayNot(why, "`" + shortName(owner) + "." + method + "`"));
                return;
            }
            r.type(m.getReturnType(), call);
            if (REFLECTIVE_METHODS.contains(method) || (owner.equals("groovy.lang.Script") && !method.startsWith("print"))
                    || isGetAtByName(original)) {
                r.refuseCall(call, mayNot(REFLECTION, "`" + method + "`"));
            } else if (owner.startsWith("org.nd4j.") && ND4J_IO.matcher(method).matches()) {
                r.refuseCall(call, mayNot(FILES, "`" + shortName(owner) + "." + method + "`"));
            }
        }

        /** {@code object["name"]}: a property by a name known at run time. */
        private static boolean isGetAtByName(MethodNode m) {
            Parameter[] p = m.getParameters();
            return (m.getName().equals("getAt") || m.getName().equals("putAt")) && p.length >= 2
                    && p[0].getType().getName().equals("java.lang.Object") && p[1].getType().getName().equals("java.lang.String");
        }

        /** Members the compiler adds itself ($staticClassInfo, $getStaticMetaClass …) are not the script's doing. */
        private static boolean generated(AnnotatedNode node, String name) {
            return node.isSynthetic() || name.startsWith("$") || node.getLineNumber() < 1;
        }

        @Override
        public void visitConstructorOrMethod(MethodNode node, boolean isConstructor) {
            if (generated(node, node.getName())) return;
            r.type(node.getReturnType(), node);
            for (Parameter p : node.getParameters()) r.type(p.getType(), p);
            super.visitConstructorOrMethod(node, isConstructor);
        }

        @Override
        public void visitField(FieldNode node) {
            if (generated(node, node.getName())) return;
            r.type(node.getType(), node);
            super.visitField(node);
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            if (call.getMethodAsString() == null) {
                r.refuseCall(call, mayNot(REFLECTION, "a method named at run time"));
            } else {
                target(call);
            }
            inferred(call);
            super.visitMethodCallExpression(call);
        }

        @Override
        public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            r.type(call.getOwnerType(), call);
            target(call);
            inferred(call);
            super.visitStaticMethodCallExpression(call);
        }

        @Override
        public void visitConstructorCallExpression(ConstructorCallExpression call) {
            r.type(call.getType(), call);
            super.visitConstructorCallExpression(call);
        }

        @Override
        public void visitPropertyExpression(PropertyExpression e) {
            String name = e.getPropertyAsString();
            if (name == null) r.refuseCall(e, mayNot(REFLECTION, "a property named at run time"));
            else if (REFLECTIVE_PROPERTIES.contains(name)) r.refuseCall(e, mayNot(REFLECTION, "`." + name + "`"));
            inferred(e);
            super.visitPropertyExpression(e);
        }

        @Override
        public void visitAttributeExpression(AttributeExpression e) {
            inferred(e);
            super.visitAttributeExpression(e);
        }

        @Override
        public void visitClassExpression(ClassExpression e) {
            r.type(e.getType(), e);
            super.visitClassExpression(e);
        }

        @Override
        public void visitCastExpression(CastExpression e) {
            r.type(e.getType(), e);
            super.visitCastExpression(e);
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression e) {
            if (e.getLeftExpression() instanceof VariableExpression v) r.type(v.getOriginType(), e);
            super.visitDeclarationExpression(e);
        }

        @Override
        public void visitVariableExpression(VariableExpression e) {
            inferred(e);
            super.visitVariableExpression(e);
        }

        @Override
        public void visitBinaryExpression(BinaryExpression e) {
            target(e);
            if (e.getOperation().getText().equals("[") && isString(e.getRightExpression()) && !isMap(e.getLeftExpression())) {
                r.refuseCall(e, mayNot(REFLECTION, "`object['name']` reads a property by a name known at run time"));
            }
            inferred(e);
            super.visitBinaryExpression(e);
        }

        private static ClassNode typeOf(Expression e) {
            Object t = e.getNodeMetaData(StaticTypesMarker.INFERRED_TYPE);
            return t instanceof ClassNode c ? c : e.getType();
        }

        private static boolean isString(Expression e) {
            String n = typeOf(e).getName();
            return n.equals("java.lang.String") || n.equals("groovy.lang.GString");
        }

        private static boolean isMap(Expression e) {
            ClassNode t = typeOf(e);
            return t.implementsInterface(ClassHelper.MAP_TYPE) || t.getName().equals("java.util.Map");
        }

        @Override
        public void visitMethodPointerExpression(MethodPointerExpression e) {
            if (!(e.getMethodName() instanceof ConstantExpression)) {
                r.refuse(e, mayNot(REFLECTION, "a method pointer named at run time"));
            }
            inferred(e);
            super.visitMethodPointerExpression(e);
        }

        @Override
        public void visitClosureExpression(ClosureExpression e) {
            if (e.getParameters() != null) for (Parameter p : e.getParameters()) r.type(p.getType(), p);
            super.visitClosureExpression(e);
        }

        @Override
        public void visitCatchStatement(CatchStatement s) {
            r.type(s.getExceptionType(), s);
            super.visitCatchStatement(s);
        }
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
