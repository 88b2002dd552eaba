package org.sealedbox.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's own {@link WebSocket} and Jackson: just
 * enough to load a page, hear what its console and log complain of, ask its DOM, and take a screenshot. Everything it
 * waits for is bounded by one deadline; {@link #close} kills the browser and every process it started.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Debian's chromium; the system property {@code sealedbox.chromium} names another. */
    static final Path BINARY = Path.of(System.getProperty("sealedbox.chromium", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final long deadline;
    private final Duration limit;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final CompletableFuture<String> browserUrl = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private WebSocket socket;

    private HeadlessChromium(Duration limit) throws IOException {
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
        this.profile = Files.createTempDirectory("sealedbox-chromium-");
        this.process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--hide-scrollbars", "--mute-audio", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread drain = new Thread(this::drainStderr, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts Chromium and attaches to its page; everything this object does must be over within {@code limit}. */
    static HeadlessChromium start(Duration limit) throws IOException {
        HeadlessChromium c = new HeadlessChromium(limit);
        try {
            c.attach();
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (stderr) {
                    stderr.addLast(line);
                    if (stderr.size() > 40) stderr.removeFirst();
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) browserUrl.complete(m.group(1));
            }
        } catch (IOException e) {
            // the process is gone; whoever waits times out, or has what it needs
        }
        browserUrl.completeExceptionally(new IllegalStateException("Chromium exited (status " + exitStatus() + ") before it listened for DevTools"));
    }

    private String exitStatus() {
        return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
    }

    private void attach() throws IOException {
        URI browser = URI.create(await(browserUrl, "say where DevTools listens"));
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(remaining()).build();
        JsonNode targets;
        try {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list"))
                    .timeout(remaining()).GET().build(), HttpResponse.BodyHandlers.ofString());
            targets = JSON.readTree(list.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        String page = null;
        for (JsonNode t : targets) if (t.path("type").asText().equals("page")) page = t.path("webSocketDebuggerUrl").asText(null);
        if (page == null) throw new IllegalStateException("Chromium lists no page target: " + targets);
        socket = await(http.newWebSocketBuilder().connectTimeout(remaining()).buildAsync(URI.create(page), new Listener()), "accept a DevTools connection");
    }

    /** Sends a DevTools command and returns its result; an error reply is an exception naming the method. */
    JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        await(socket.sendText(msg.toString(), true), "take the command " + method);
        JsonNode r = await(reply, "answer " + method);
        if (r.has("error")) throw new IllegalStateException(method + " failed: " + r.get("error"));
        return r.path("result");
    }

    JsonNode send(String method) {
        return send(method, Map.of());
    }

    /** How many events have arrived so far: a mark for {@link #awaitEvent} and {@link #problemsSince}. */
    int mark() {
        synchronized (events) {
            return events.size();
        }
    }

    /** Waits for an event of the given method among those arrived after {@code since}. */
    JsonNode awaitEvent(String method, int since) {
        synchronized (events) {
            while (true) {
                for (int i = since; i < events.size(); i++) if (events.get(i).path("method").asText().equals(method)) return events.get(i).path("params");
                long left = deadline - System.nanoTime();
                if (left <= 0) throw timeout("send " + method);
                try {
                    TimeUnit.NANOSECONDS.timedWait(events, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** What the page complained of since the mark: console errors, uncaught exceptions, log entries at level error. */
    List<String> problemsSince(int since) {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (JsonNode e : events.subList(since, events.size())) {
                JsonNode p = e.path("params");
                switch (e.path("method").asText()) {
                    case "Runtime.consoleAPICalled" -> {
                        if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) out.add("console." + p.path("type").asText() + ": " + p.path("args"));
                    }
                    case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
                    case "Log.entryAdded" -> {
                        if (p.path("entry").path("level").asText().equals("error")) out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    /** Evaluates a JavaScript expression in the page and returns its value (by value: use JSON-able results). */
    JsonNode evaluate(String expression) {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new IllegalStateException("the page threw evaluating " + expression + ": " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Loads a URL and waits for its load event. */
    void navigate(String url) {
        int mark = mark();
        JsonNode r = send("Page.navigate", Map.of("url", url));
        if (r.hasNonNull("errorText")) throw new IllegalStateException("Chromium could not open " + url + ": " + r.get("errorText").asText());
        awaitEvent("Page.loadEventFired", mark);
    }

    /** A PNG of the whole page at the given width. */
    byte[] screenshot(int width) {
        // measure the page in a short viewport: in a tall one, a short page reports the viewport's height
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 600, "deviceScaleFactor", 1, "mobile", false));
        double height = send("Page.getLayoutMetrics").path("cssContentSize").path("height").asDouble(2000);
        int h = (int) Math.min(Math.ceil(height), 12000);
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", h, "deviceScaleFactor", 1, "mobile", false));
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    private Duration remaining() {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw timeout("go on");
        return Duration.ofNanos(left);
    }

    private <T> T await(CompletionStage<T> stage, String what) {
        long left = deadline - System.nanoTime();
        try {
            return stage.toCompletableFuture().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timeout(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Chromium did not " + what + ": " + e.getCause().getMessage() + stderrTail(), e.getCause());
        }
    }

    private IllegalStateException timeout(String what) {
        return new IllegalStateException("Chromium did not " + what + " within " + limit.toSeconds() + " s (the browser test's limit)" + stderrTail());
    }

    private String stderrTail() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : "; the last of its stderr:\n  " + String.join("\n  ", stderr);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode m = JSON.readTree(message);
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) f.complete(m);
                    } else {
                        synchronized (events) {
                            events.add(m);
                            events.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    /** Kills Chromium and every process it started, and removes its profile. */
    @Override
    public void close() {
        if (socket != null) socket.abort();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no failure of the test
        }
    }
}
