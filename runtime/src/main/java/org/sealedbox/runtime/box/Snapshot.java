package org.sealedbox.runtime.box;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The full state of a box's objects, by path ({@code populations[llm].model.theta}): every tensor, random stream,
 * number and string reachable from the box's roots through fields, lists, maps and records.
 *
 * <p>A box is rebuilt from its scenario and then restored <em>in place</em>: a tensor is copied into the tensor that
 * is already there (so views and shared arrays stay shared), a random stream gets its generator state back, an
 * object keeps its identity and gets its fields. Objects that did not exist when the box was rebuilt (a corpus
 * added at a generation, a learner's lazily made reference model) are made anew from their class. An object reached
 * twice is saved once; the second path refers to the first, so sharing survives the round trip.
 *
 * <p>Left out, because a rebuilt box has them already: the scenario's IR ({@code org.sealedbox.dsl}), the wiring,
 * lambdas, and static and transient fields. Anything else that is not tensors, streams, numbers, strings, enums,
 * lists, maps, records or plain objects of them cannot be saved, and says so with its path.
 */
public final class Snapshot {
    /** What one path holds. */
    sealed interface Entry {}

    record Value(Object value) implements Entry {}

    record Tensor(INDArray array) implements Entry {}

    /**
     * A random stream: the native generator's two states, and what ND4J keeps of it in Java (the draw position, and
     * the second value of a Box–Muller pair that {@code nextGaussian()} hands out next).
     */
    record Rng(long root, long node, long position, boolean generated, double[] pair) implements Entry {
        static final String[] PAIR = {"z0", "z1", "u0", "u1"};

        static Rng of(Random r) {
            Class<?> n = nativeRandom(r);
            if (n == null) return new Rng(r.rootState(), r.nodeState(), 0, false, new double[0]);
            try {
                double[] pair = new double[PAIR.length];
                for (int i = 0; i < PAIR.length; i++) pair[i] = field(n, PAIR[i]).getDouble(r);
                long position = ((java.util.concurrent.atomic.AtomicLong) field(n, "currentPosition").get(r)).get();
                return new Rng(r.rootState(), r.nodeState(), position, field(n, "generated").getBoolean(r), pair);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the state of " + r, e);
            }
        }

        void into(Random r) {
            r.setStates(root, node);
            Class<?> n = nativeRandom(r);
            if (n == null || pair.length == 0) return;
            try {
                for (int i = 0; i < PAIR.length; i++) field(n, PAIR[i]).setDouble(r, pair[i]);
                ((java.util.concurrent.atomic.AtomicLong) field(n, "currentPosition").get(r)).set(position);
                field(n, "generated").setBoolean(r, generated);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot restore the state of " + r, e);
            }
        }

        private static Class<?> nativeRandom(Random r) {
            for (Class<?> c = r.getClass(); c != null; c = c.getSuperclass()) if (c.getName().equals("org.nd4j.rng.NativeRandom")) return c;
            return null;
        }

        private static Field field(Class<?> c, String name) throws NoSuchFieldException {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rng r && r.root == root && r.node == node && r.position == position && r.generated == generated
                    && java.util.Arrays.equals(r.pair, pair);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(root, node, position, generated);
        }
    }

    record Obj(String cls) implements Entry {}

    record Rec(String cls) implements Entry {}

    record Seq(String cls, int size) implements Entry {}

    record Dict(String cls, List<String> keys) implements Entry {}

    record Ref(String path) implements Entry {}

    record Null() implements Entry {}

    /** A part of the box that cannot be saved: its path and why. */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String path, Object value) {
            super("cannot checkpoint `" + path + "`, a " + value.getClass().getName() + ": a checkpoint holds tensors, random "
                    + "streams, numbers, strings, enums, lists, maps, records and plain objects of them");
        }
    }

    private final Map<String, Entry> entries;

    private Snapshot(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public int size() {
        return entries.size();
    }

    /** The bytes of all tensors saved (the bulk of a checkpoint). */
    public long tensorBytes() {
        return entries.values().stream().filter(e -> e instanceof Tensor).mapToLong(e -> {
            INDArray a = ((Tensor) e).array();
            return a.length() * a.dataType().width();
        }).sum();
    }

    /** The paths where this snapshot and {@code other} differ (at most {@code max}), each with both values: for tests and debugging. */
    public List<String> differences(Snapshot other, int max) {
        List<String> out = new ArrayList<>();
        Set<String> paths = new java.util.LinkedHashSet<>(entries.keySet());
        paths.addAll(other.entries.keySet());
        for (String p : paths) {
            if (out.size() >= max) break;
            Entry a = entries.get(p), b = other.entries.get(p);
            if (!same(a, b)) out.add(p + ": " + describe(a) + " ≠ " + describe(b));
        }
        return out;
    }

    private static boolean same(Entry a, Entry b) {
        if (a instanceof Tensor x && b instanceof Tensor y) {
            return x.array().dataType() == y.array().dataType() && java.util.Arrays.equals(x.array().shape(), y.array().shape())
                    && java.util.Arrays.equals(x.array().data().asBytes(), y.array().data().asBytes()); // bit for bit
        }
        if (a instanceof Value x && b instanceof Value y) return java.util.Objects.deepEquals(x.value(), y.value());
        return java.util.Objects.equals(a, b);
    }

    private static String describe(Entry e) {
        if (e instanceof Tensor t) {
            return "tensor " + java.util.Arrays.toString(t.array().shape()) + " sum " + t.array().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber();
        }
        return String.valueOf(e);
    }

    // ---- capture ----------------------------------------------------------------------------------

    /** The state reachable from {@code roots} (name → object), copied: later changes to the box do not reach it. */
    public static Snapshot capture(Map<String, ?> roots) {
        Capture c = new Capture();
        roots.forEach(c::walk);
        return new Snapshot(c.entries);
    }

    private static final class Capture {
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final Map<Object, String> seen = new IdentityHashMap<>();

        void walk(String path, Object o) {
            if (o == null) {
                entries.put(path, new Null());
                return;
            }
            if (skipped(o)) return;
            if (isValue(o)) {
                entries.put(path, new Value(o.getClass().isArray() ? cloneArray(o) : o));
                return;
            }
            String first = seen.putIfAbsent(o, path);
            if (first != null) {
                entries.put(path, new Ref(first));
                return;
            }
            if (o instanceof INDArray a) {
                entries.put(path, new Tensor(a.dup(a.ordering())));
            } else if (o instanceof Random r) {
                entries.put(path, Rng.of(r));
            } else if (o instanceof List<?> list) {
                entries.put(path, new Seq(o.getClass().getName(), list.size()));
                for (int i = 0; i < list.size(); i++) walk(path + "[" + i + "]", list.get(i));
            } else if (o instanceof Map<?, ?> map) {
                List<String> keys = new ArrayList<>();
                for (Object k : map.keySet()) {
                    if (!(k instanceof String s)) throw new Unsupported(path + " (a map keyed by " + k.getClass().getSimpleName() + ")", o);
                    keys.add(s);
                }
                entries.put(path, new Dict(o.getClass().getName(), keys));
                for (String k : keys) walk(path + "[" + k + "]", map.get(k));
            } else if (o.getClass().isRecord()) {
                entries.put(path, new Rec(o.getClass().getName()));
                for (RecordComponent rc : o.getClass().getRecordComponents()) walk(path + "." + rc.getName(), component(o, rc));
            } else if (isLibrary(o.getClass())) {
                throw new Unsupported(path, o);
            } else {
                entries.put(path, new Obj(o.getClass().getName()));
                for (Field f : fields(o.getClass())) walk(path + "." + f.getName(), get(f, o));
            }
        }
    }

    // ---- restore ----------------------------------------------------------------------------------

    /**
     * Puts the saved state back into a rebuilt box's {@code roots}, in place where the objects are there already.
     * Returns each root's restored value (a root that is a number comes back as that number).
     */
    public Map<String, Object> restore(Map<String, ?> roots) {
        Restore r = new Restore();
        Map<String, Object> out = new LinkedHashMap<>();
        roots.forEach((name, live) -> out.put(name, r.restore(name, live, live == null ? null : live.getClass().getClassLoader())));
        return out;
    }

    private final class Restore {
        final Map<String, Object> made = new HashMap<>();

        Object restore(String path, Object live, ClassLoader loader) {
            Entry e = entries.get(path);
            if (e == null) return live; // not saved: rebuilt with the box
            Object result;
            if (e instanceof Null) result = null;
            else if (e instanceof Ref ref) result = made.get(ref.path());
            else if (e instanceof Value v) result = value(v.value(), live);
            else if (e instanceof Tensor t) result = tensor(t.array(), live);
            else if (e instanceof Rng rng) result = rng(rng, live);
            else if (e instanceof Seq s) result = list(path, s, live, loader);
            else if (e instanceof Dict d) result = map(path, d, live, loader);
            else if (e instanceof Rec rec) result = record(path, rec, live, loader);
            else result = object(path, (Obj) e, live, loader);
            made.put(path, result);
            return result;
        }

        private Object value(Object saved, Object live) {
            if (!saved.getClass().isArray()) return saved;
            if (live != null && live.getClass() == saved.getClass() && java.lang.reflect.Array.getLength(live) == java.lang.reflect.Array.getLength(saved)) {
                System.arraycopy(saved, 0, live, 0, java.lang.reflect.Array.getLength(saved));
                return live;
            }
            return cloneArray(saved);
        }

        private Object tensor(INDArray saved, Object live) {
            if (live instanceof INDArray l && l.dataType() == saved.dataType() && java.util.Arrays.equals(l.shape(), saved.shape())) {
                l.assign(saved);
                return l;
            }
            return saved.dup(saved.ordering());
        }

        private Object rng(Rng saved, Object live) {
            Random r = live instanceof Random l ? l : Nd4j.getRandomFactory().getNewRandomInstance(0);
            saved.into(r);
            return r;
        }

        @SuppressWarnings("unchecked")
        private Object list(String path, Seq saved, Object live, ClassLoader loader) {
            List<Object> old = live instanceof List<?> l ? (List<Object>) l : List.of();
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < saved.size(); i++) items.add(restore(path + "[" + i + "]", i < old.size() ? old.get(i) : null, loader));
            if (live instanceof List<?> && isModifiable(live.getClass().getName())) {
                old.clear();
                old.addAll(items);
                return live;
            }
            if (live instanceof List<?> && sameItems(old, items)) return live; // unmodifiable, and nothing to change
            if (isModifiable(saved.cls())) {
                List<Object> made = (List<Object>) instantiate(saved.cls(), loader);
                made.addAll(items);
                return made;
            }
            return Collections.unmodifiableList(items);
        }

        @SuppressWarnings("unchecked")
        private Object map(String path, Dict saved, Object live, ClassLoader loader) {
            Map<String, Object> old = live instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Map<String, Object> items = new LinkedHashMap<>();
            for (String k : saved.keys()) items.put(k, restore(path + "[" + k + "]", old.get(k), loader));
            if (live instanceof Map<?, ?> && isModifiable(live.getClass().getName())) {
                old.clear();
                old.putAll(items);
                return live;
            }
            if (live instanceof Map<?, ?> && old.keySet().equals(items.keySet()) && sameItems(new ArrayList<>(old.values()), new ArrayList<>(items.values()))) {
                return live;
            }
            if (isModifiable(saved.cls())) {
                Map<String, Object> made = (Map<String, Object>) instantiate(saved.cls(), loader);
                made.putAll(items);
                return made;
            }
            return Collections.unmodifiableMap(items);
        }

        private Object record(String path, Rec saved, Object live, ClassLoader loader) {
            Class<?> cls = live != null && live.getClass().getName().equals(saved.cls()) ? live.getClass() : load(saved.cls(), loader);
            RecordComponent[] parts = cls.getRecordComponents();
            Object[] values = new Object[parts.length];
            boolean same = live != null && live.getClass() == cls;
            for (int i = 0; i < parts.length; i++) {
                Object was = same ? component(live, parts[i]) : null;
                values[i] = restore(path + "." + parts[i].getName(), was, cls.getClassLoader());
                same &= values[i] == was;
            }
            if (same) return live;
            try {
                Constructor<?> canonical = cls.getDeclaredConstructor(java.util.Arrays.stream(parts).map(RecordComponent::getType).toArray(Class[]::new));
                canonical.setAccessible(true);
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot rebuild `" + path + "`, a " + cls.getName() + ": " + ex, ex);
            }
        }

        private Object object(String path, Obj saved, Object live, ClassLoader loader) {
            Object target = live != null && live.getClass().getName().equals(saved.cls()) ? live : instantiate(saved.cls(), loader);
            made.put(path, target); // before its fields, which may refer back to it
            for (Field f : fields(target.getClass())) {
                Object was = get(f, target);
                Object now = restore(path + "." + f.getName(), was, target.getClass().getClassLoader());
                if (now != was) set(f, target, now);
            }
            return target;
        }
    }

    // ---- reflection -------------------------------------------------------------------------------

    private static final Map<Class<?>, List<Field>> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A class's instance fields (its superclasses' first), each by a name unique in the class. */
    private static List<Field> fields(Class<?> cls) {
        return FIELDS.computeIfAbsent(cls, c -> {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) chain.add(0, k);
            List<Field> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Class<?> k : chain) {
                Field[] declared = k.getDeclaredFields();
                java.util.Arrays.sort(declared, Comparator.comparing(Field::getName));
                for (Field f : declared) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) continue;
                    if (!names.add(f.getName())) {
                        throw new IllegalStateException(c.getName() + " has two fields named `" + f.getName() + "`; a checkpoint cannot tell them apart");
                    }
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return List.copyOf(out);
        });
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object o, Object v) {
        try {
            f.set(o, v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot restore " + f + ": " + e.getMessage(), e);
        }
    }

    private static Object component(Object record, RecordComponent rc) {
        try {
            var accessor = rc.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader != null ? loader : Snapshot.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the checkpoint holds a " + name + ", which is not on the class path now", e);
        }
    }

    /** A new object of a class without running its constructor (its fields are restored next), as serialization makes them. */
    private static Object instantiate(String name, ClassLoader loader) {
        Class<?> cls = load(name, loader);
        try {
            Constructor<?> noArgs = cls.getDeclaredConstructor();
            if (Modifier.isPublic(noArgs.getModifiers()) && Modifier.isPublic(cls.getModifiers())) return noArgs.newInstance();
        } catch (ReflectiveOperationException ignored) {
            // no usable constructor: made as serialization makes objects
        }
        try {
            Constructor<?> bare = sun.reflect.ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(cls, Object.class.getDeclaredConstructor());
            return cls.cast(bare.newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + name + " to restore into: " + e, e);
        }
    }

    private static boolean sameItems(List<?> a, List<?> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    @Override
    public String toString() {
        return String.format("a snapshot of %d parts (%.1f MB of tensors)", entries.size(), tensorBytes() / 1e6);
    }

    /** The JDK's collections that can be made empty and filled (others come back as unmodifiable copies). */
    private static boolean isModifiable(String n) {
        return n.equals("java.util.ArrayList") || n.equals("java.util.LinkedList") || n.equals("java.util.HashMap")
                || n.equals("java.util.LinkedHashMap") || n.equals("java.util.TreeMap");
    }

    private static boolean isValue(Object o) {
        return o instanceof String || o instanceof Number && o.getClass().getName().startsWith("java.lang.") || o instanceof Boolean
                || o instanceof Character || o instanceof Enum<?> || o.getClass().isArray() && o.getClass().getComponentType().isPrimitive();
    }

    /** Parts a rebuilt box has already and that never change while it runs. */
    private static boolean skipped(Object o) {
        Class<?> c = o.getClass();
        if (c.isHidden() || c.isSynthetic() || o instanceof Class<?>) return true;
        String n = c.getName();
        return n.startsWith("org.sealedbox.dsl.") || n.startsWith("org.sealedbox.runtime.wiring.") || n.startsWith("com.google.inject.")
                || n.startsWith("org.slf4j.");
    }

    private static boolean isLibrary(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.") || n.startsWith("org.nd4j.")
                || n.startsWith("org.bytedeco.") || n.startsWith("groovy.") || n.startsWith("org.codehaus.groovy.") || n.startsWith("org.apache.groovy.");
    }

    private static Object cloneArray(Object a) {
        int n = java.lang.reflect.Array.getLength(a);
        Object copy = java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), n);
        System.arraycopy(a, 0, copy, 0, n);
        return copy;
    }

    // ---- bytes ------------------------------------------------------------------------------------

    private static final int MAGIC = 0x53425853; // "SBXS"

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(entries.size());
        for (Map.Entry<String, Entry> pe : entries.entrySet()) {
            out.writeUTF(pe.getKey());
            Entry e = pe.getValue();
            if (e instanceof Null) {
                out.writeByte('0');
            } else if (e instanceof Ref r) {
                out.writeByte('R');
                out.writeUTF(r.path());
            } else if (e instanceof Value v) {
                out.writeByte('V');
                Values.write(out, v.value());
            } else if (e instanceof Tensor t) {
                out.writeByte('T');
                Nd4j.write(t.array(), out);
            } else if (e instanceof Rng r) {
                out.writeByte('G');
                out.writeLong(r.root());
                out.writeLong(r.node());
                out.writeLong(r.position());
                out.writeBoolean(r.generated());
                out.writeByte(r.pair().length);
                for (double x : r.pair()) out.writeDouble(x);
            } else if (e instanceof Seq sq) {
                out.writeByte('L');
                out.writeUTF(sq.cls());
                out.writeInt(sq.size());
            } else if (e instanceof Dict d) {
                out.writeByte('M');
                out.writeUTF(d.cls());
                out.writeInt(d.keys().size());
                for (String k : d.keys()) out.writeUTF(k);
            } else if (e instanceof Rec r) {
                out.writeByte('C');
                out.writeUTF(r.cls());
            } else {
                out.writeByte('O');
                out.writeUTF(((Obj) e).cls());
            }
        }
    }

    public static Snapshot read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) throw new IOException("not a sealedbox checkpoint");
        int n = in.readInt();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String path = in.readUTF();
            int tag = in.readByte();
            Entry e = switch (tag) {
                case '0' -> new Null();
                case 'R' -> new Ref(in.readUTF());
                case 'V' -> new Value(Values.read(in));
                case 'T' -> new Tensor(Nd4j.read(in));
                case 'G' -> {
                    long root = in.readLong(), node = in.readLong(), position = in.readLong();
                    boolean generated = in.readBoolean();
                    double[] pair = new double[in.readByte()];
                    for (int j = 0; j < pair.length; j++) pair[j] = in.readDouble();
                    yield new Rng(root, node, position, generated, pair);
                }
                case 'L' -> new Seq(in.readUTF(), in.readInt());
                case 'M' -> {
                    String cls = in.readUTF();
                    int k = in.readInt();
                    List<String> keys = new ArrayList<>(k);
                    for (int j = 0; j < k; j++) keys.add(in.readUTF());
                    yield new Dict(cls, keys);
                }
                case 'C' -> new Rec(in.readUTF());
                case 'O' -> new Obj(in.readUTF());
                default -> throw new IOException("a damaged checkpoint: unknown entry `" + (char) tag + "` at " + path);
            };
            entries.put(path, e);
        }
        return new Snapshot(entries);
    }

    /** Numbers, strings, enums and arrays of primitives, as bytes. */
    private static final class Values {
        static void write(DataOutputStream out, Object v) throws IOException {
            if (v instanceof String s) { out.writeByte('s'); out.writeUTF(s); }
            else if (v instanceof Integer i) { out.writeByte('i'); out.writeInt(i); }
            else if (v instanceof Long l) { out.writeByte('j'); out.writeLong(l); }
            else if (v instanceof Double d) { out.writeByte('d'); out.writeDouble(d); }
            else if (v instanceof Float f) { out.writeByte('f'); out.writeFloat(f); }
            else if (v instanceof Boolean b) { out.writeByte('z'); out.writeBoolean(b); }
            else if (v instanceof Short h) { out.writeByte('h'); out.writeShort(h); }
            else if (v instanceof Byte b) { out.writeByte('b'); out.writeByte(b); }
            else if (v instanceof Character c) { out.writeByte('c'); out.writeChar(c); }
            else if (v instanceof Enum<?> e) { out.writeByte('e'); out.writeUTF(e.getDeclaringClass().getName()); out.writeUTF(e.name()); }
            else if (v instanceof double[] a) { out.writeByte('D'); out.writeInt(a.length); for (double x : a) out.writeDouble(x); }
            else if (v instanceof float[] a) { out.writeByte('F'); out.writeInt(a.length); for (float x : a) out.writeFloat(x); }
            else if (v instanceof long[] a) { out.writeByte('J'); out.writeInt(a.length); for (long x : a) out.writeLong(x); }
            else if (v instanceof int[] a) { out.writeByte('I'); out.writeInt(a.length); for (int x : a) out.writeInt(x); }
            else if (v instanceof boolean[] a) { out.writeByte('Z'); out.writeInt(a.length); for (boolean x : a) out.writeBoolean(x); }
            else throw new IOException("cannot write a " + v.getClass().getName() + " into a checkpoint");
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static Object read(DataInputStream in) throws IOException {
            int tag = in.readByte();
            switch (tag) {
                case 's': return in.readUTF();
                case 'i': return in.readInt();
                case 'j': return in.readLong();
                case 'd': return in.readDouble();
                case 'f': return in.readFloat();
                case 'z': return in.readBoolean();
                case 'h': return in.readShort();
                case 'b': return in.readByte();
                case 'c': return in.readChar();
                case 'e': {
                    String cls = in.readUTF(), name = in.readUTF();
                    return Enum.valueOf((Class) load(cls, Snapshot.class.getClassLoader()), name);
                }
                case 'D': { double[] a = new double[in.readInt()]; for (int i = 0; i < a.length; i++) a[i] = in.readDouble(); return a; }
                case 'F': { float[] a = new float[in.readInt()]; for (int i = 0; i < a.length; i++) a[i] = in.readFloat(); return a; }
                case 'J': { long[] a = new long[in.readInt()]; for (int i = 0; i < a.length; i++) a[i] = in.readLong(); return a; }
                case 'I': { int[] a = new int[in.readInt()]; for (int i = 0; i < a.length; i++) a[i] = in.readInt(); return a; }
                case 'Z': { boolean[] a = new boolean[in.readInt()]; for (int i = 0; i < a.length; i++) a[i] = in.readBoolean(); return a; }
                default: throw new IOException("a damaged checkpoint: unknown value `" + (char) tag + "`");
            }
        }
    }
}
