package org.sealedbox.scenarios;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealedbox.runtime.cli.Main;

/**
 * A real run's {@code report.html}, opened in a real browser: headless Chromium loads it without a console error, draws
 * a plot per measure with its line, and a screenshot shows the lines in their colour. Skipped where Debian's chromium is
 * not installed, unless {@code SEALEDBOX_REQUIRE_BROWSER=1} (as CI sets it): then its absence fails the build.
 */
class ReportInBrowserTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int WIDTH = 1280;
    /** Each plot, in the browser: its measure, where it is on the page, and its lines. */
    private static final String PLOTS = """
            JSON.stringify([...document.querySelectorAll('svg.plot')].map(svg => {
              const r = svg.getBoundingClientRect();
              return {measure: svg.dataset.measure, x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height,
                      series: [...svg.querySelectorAll('path.series')].map(p => {
                        const b = p.getBoundingClientRect();
                        return {variant: p.dataset.variant, d: p.getAttribute('d') || '', width: b.width, height: b.height,
                                stroke: getComputedStyle(p).stroke};
                      })};
            }))""";

    @TempDir
    Path tmp;

    @Test
    void aRealRunsReportLoadsInChromiumWithAPlotPerMeasure() throws Exception {
        if (!Files.isExecutable(HeadlessChromium.BINARY)) {
            String why = HeadlessChromium.BINARY + " is missing: install Debian's chromium package (apt-get install -y chromium)";
            if ("1".equals(System.getenv("SEALEDBOX_REQUIRE_BROWSER"))) fail(why + "; SEALEDBOX_REQUIRE_BROWSER=1 requires it");
            Assumptions.assumeTrue(false, why);
        }
        // canon #10 runs in about two seconds: 400 agents, 60 generations, four measures with expectations at year 20 and the end
        Path runA = tmp.resolve("seed7"), runB = tmp.resolve("seed8");
        Cli.Result a = Cli.run("run", Cli.canon("evolution").toString(), "--out", runA.toString(), "--no-progress");
        assertEquals(Main.OK, a.exit(), a.all());
        Path report = runA.resolve("report.html");
        assertTrue(a.out().contains("run folder: " + runA + System.lineSeparator() + "report: " + report), a.out());
        int measures = Files.readAllLines(runA.resolve("metrics.csv")).get(0).split(",").length - 2; // tick, time, then the measures
        assertEquals(4, measures);

        try (HeadlessChromium chromium = HeadlessChromium.start(LIMIT)) {
            chromium.send("Runtime.enable");
            chromium.send("Log.enable");
            chromium.send("Page.enable");
            chromium.send("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", WIDTH, "height", 2000, "deviceScaleFactor", 1, "mobile", false));

            int mark = chromium.mark();
            chromium.navigate(report.toUri().toString());
            JsonNode plots = new ObjectMapper().readTree(chromium.evaluate(PLOTS).asText());
            assertEquals(List.of(), chromium.problemsSince(mark), "the page loads without console errors or exceptions");
            assertTrue(chromium.evaluate("document.title").asText().startsWith("Evolution"), "the page's title names the scenario");
            assertEquals(measures, plots.size(), "one svg.plot per measure in metrics.csv: " + plots);
            for (JsonNode p : plots) {
                assertEquals(1, p.path("series").size(), p.toString());
                JsonNode s = p.path("series").get(0);
                assertFalse(s.path("d").asText().isBlank(), "a line is drawn for " + p.path("measure"));
                assertTrue(s.path("width").asDouble() > 0 && s.path("height").asDouble() > 0,
                        "the line has a bounding box (every measure of this scenario changes over the run): " + p);
            }
            int[] colour = rgb(plots.get(0).path("series").get(0).path("stroke").asText());

            byte[] png = chromium.screenshot(WIDTH);
            Path shot = Cli.root().resolve("scenarios/target/report-screenshot.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(WIDTH, image.getWidth());
            for (JsonNode p : plots) {
                int inPlot = count(image, colour, p.path("x").asInt(), p.path("y").asInt(), p.path("width").asInt(), p.path("height").asInt());
                assertTrue(inPlot >= 150, "the screenshot (" + shot + ") shows the line of " + p.path("measure") + " in its colour "
                        + plots.get(0).path("series").get(0).path("stroke").asText() + ": " + inPlot + " pixels of it in the plot");
            }

            // the harness hears what it listens for: a page that logs an error and throws is caught out
            Path broken = tmp.resolve("broken.html");
            Files.writeString(broken, "<!DOCTYPE html><title>x</title><script>console.error('logged'); throw new Error('thrown');</script>");
            mark = chromium.mark();
            chromium.navigate(broken.toUri().toString());
            List<String> heard = chromium.problemsSince(mark);
            assertTrue(heard.stream().anyMatch(p -> p.contains("logged")) && heard.stream().anyMatch(p -> p.contains("thrown")), heard.toString());

            // a second seed, and both runs on one page
            Cli.Result b = Cli.run("run", Cli.canon("evolution").toString(), "--out", runB.toString(), "--no-progress", "--seed", "8");
            assertEquals(Main.OK, b.exit(), b.all());
            Path compare = tmp.resolve("compare.html");
            Cli.Result c = Cli.run("compare", runA.toString(), runB.toString(), "--out", compare.toString());
            assertEquals(Main.OK, c.exit(), c.all());
            mark = chromium.mark();
            chromium.navigate(compare.toUri().toString());
            JsonNode compared = new ObjectMapper().readTree(chromium.evaluate(PLOTS).asText());
            assertEquals(List.of(), chromium.problemsSince(mark), "the comparison loads without console errors or exceptions");
            assertEquals(measures, compared.size(), "both runs have the same measures: " + compared);
            for (JsonNode p : compared) {
                assertEquals(2, p.path("series").size(), "a line per run: " + p);
                for (JsonNode s : p.path("series")) assertTrue(s.path("width").asDouble() > 0, "drawn: " + p);
            }
            Files.write(Cli.root().resolve("scenarios/target/compare-screenshot.png"), chromium.screenshot(WIDTH));
        }
    }

    private static int[] rgb(String css) {
        Matcher m = Pattern.compile("rgb\\((\\d+), (\\d+), (\\d+)\\)").matcher(css);
        assertTrue(m.matches(), "a computed colour: " + css);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** Pixels within a small distance of the colour, inside a rectangle of the image. */
    private static int count(BufferedImage image, int[] colour, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x0 + w); x++) {
                int p = image.getRGB(x, y);
                int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
                if (Math.abs(r - colour[0]) <= 12 && Math.abs(g - colour[1]) <= 12 && Math.abs(b - colour[2]) <= 12) n++;
            }
        }
        return n;
    }
}
