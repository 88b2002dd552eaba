package org.sealedbox.runtime.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.runtime.Recipe;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.BoxListener;
import org.sealedbox.runtime.box.Snapshot;

/**
 * Writes {@code checkpoint.bin} into a run folder every {@code checkpoint every} ticks: what the run is (its
 * {@link Recipe}, seed, and a hash of every resolved parameter) and the box's full {@link Snapshot}. The file is
 * written under a temporary name and renamed, so a run killed while writing keeps its previous checkpoint whole.
 */
public final class Checkpoints implements BoxListener {
    public static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x53425843; // "SBXC"
    private static final int VERSION = 2; // 2: notes kept as a ring (Notes.xRows, next), no longer x, y, valid
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Recipe recipe;
    private final ScenarioModel scenario;
    private final String fingerprint;

    public Checkpoints(Path dir, Recipe recipe, ScenarioModel scenario) {
        this.dir = dir;
        this.recipe = recipe;
        this.scenario = scenario;
        this.fingerprint = fingerprint(scenario); // the same at every checkpoint of the run
    }

    @Override
    public void ticked(Box box, long tick) {
        long every = scenario.box().checkpointTicks();
        if (every > 0 && tick % every == 0 && !box.done()) write(box);
    }

    /** Writes the box's state now. */
    public void write(Box box) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("scenario", scenario.name());
        meta.put("recipe", recipe);
        meta.put("seed", scenario.box().seed());
        meta.put("resolved_sha256", fingerprint);
        meta.put("tick", box.tick());
        meta.put("time", scenario.box().time(box.tick()));
        meta.put("unit", scenario.box().displayUnit());
        meta.put("ticks", scenario.box().ticks());
        meta.put("written", Instant.now().toString());
        meta.put("versions", Versions.all());
        Path tmp = AtomicFiles.temporary(dir.resolve(FILE));
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] json = JSON.writeValueAsBytes(meta);
            out.writeInt(json.length);
            out.write(json);
            box.snapshot().write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint into " + dir, e);
        }
        try {
            AtomicFiles.replace(tmp, dir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint into " + dir, e);
        }
    }

    /** A checkpoint as read back: what run it belongs to, the tick it was taken after, and the state. */
    public record Saved(Path dir, Recipe recipe, long seed, String resolvedSha256, long tick, double time, String unit, Snapshot snapshot) {}

    /** A run folder's checkpoint, or an exception whose message is one sentence for the user. */
    public static Saved read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(dir + " has no checkpoint (" + FILE + "): was the run started with `checkpoint every …` in its box?");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC) throw new IOException(file + " is not a sealedbox checkpoint");
            int version = in.readInt();
            if (version != VERSION) throw new IOException(file + " was written by another version of sealedbox (format " + version + ")");
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            JsonNode meta = JSON.readTree(json);
            Recipe recipe = Recipe.of(meta.get("recipe"));
            return new Saved(dir, recipe, meta.get("seed").asLong(), meta.get("resolved_sha256").asText(), meta.get("tick").asLong(),
                    meta.get("time").asDouble(), meta.get("unit").asText(), Snapshot.read(in));
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is cut short (damaged)");
        }
    }

    /** A hash of every resolved parameter of the scenario: resuming needs the same box, whatever file it came from. */
    public static String fingerprint(ScenarioModel scenario) {
        try {
            Map<String, Object> resolved = new LinkedHashMap<>(RunRecorder.resolved(scenario));
            resolved.remove("file"); // how the file is named depends on the working folder; what it resolves to does not
            byte[] text = JSON.writeValueAsBytes(resolved);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
