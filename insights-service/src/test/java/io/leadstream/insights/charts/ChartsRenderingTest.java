package io.leadstream.insights.charts;

import static io.leadstream.insights.charts.ParsedSvg.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.leadstream.insights.counts.GroupBy;

/**
 * The pictures drawn by a real SVG renderer (Apache Batik, headless) to PNG, so that what the service writes is
 * checked as something a renderer reads and paints: the size, that something is painted, and that the bars are where
 * the document says, in their colour, on a white background.
 */
class ChartsRenderingTest {

    static final int WHITE = 0xffffff;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    static BufferedImage render(String svg) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            new PNGTranscoder().transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(png));
            return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        } catch (TranscoderException e) {
            throw new AssertionError("Batik cannot draw the picture: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int rgb(BufferedImage image, double x, double y) {
        return image.getRGB((int) Math.round(x), (int) Math.round(y)) & 0xffffff;
    }

    static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    /** How many pixels of the image are not white. */
    static long painted(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(pixels).filter(p -> (p & 0xffffff) != WHITE).count();
    }

    @Test
    void shouldPaintTheFunnelsBarsInTheirColourOnWhite() {
        String drawn = FunnelChart.draw(FunnelChartTest.february());
        BufferedImage image = render(drawn);

        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(450);
        assertThat(painted(image)).as("painted pixels").isGreaterThan(800 * 450 / 50);
        List<Element> bars = ParsedSvg.parse(drawn).groups("bars").get(0);
        Element open = bars.get(0);
        // inside the widest bar (OPEN, 5 leads): the bar's colour, also near its far end
        assertThat(rgb(image, number(open, "x") + number(open, "width") / 2, number(open, "y") + 17))
                .isEqualTo(rgb(FunnelChart.BAR));
        assertThat(rgb(image, number(open, "x") + number(open, "width") - 3, number(open, "y") + 17))
                .isEqualTo(rgb(FunnelChart.BAR));
        // where OPEN's bar reaches, CUSTOMER's (1 lead, a fifth as wide) does not: background
        Element customer = bars.get(5);
        assertThat(rgb(image, number(open, "x") + number(open, "width") - 3, number(customer, "y") + 17))
                .isEqualTo(WHITE);
        // and its own bar is painted up to a fifth of the width, not beyond
        assertThat(rgb(image, number(customer, "x") + number(customer, "width") - 3, number(customer, "y") + 17))
                .isEqualTo(rgb(FunnelChart.BAR));
        // the title's ink is dark
        assertThat(darkPixels(image, 0, 0, 800, 45)).as("dark pixels of the title").isGreaterThan(200);
    }

    @Test
    void shouldPaintStackedBarsInTheLegendsColours() {
        long[][] byKey = { { 6, 2 }, { 1, 1 } };
        String drawn = LeadsChart.draw(LeadsChartTest.days("2032-03-01", 2, GroupBy.SOURCE, List.of("web", "fair"),
                byKey, null));
        BufferedImage image = render(drawn);

        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(450);
        ParsedSvg svg = ParsedSvg.parse(drawn);
        List<List<Element>> series = svg.groups("series");
        Element web = series.get(0).get(0);
        Element fair = series.get(1).get(0);
        assertThat(rgb(image, centreX(web), centreY(web))).isEqualTo(rgb(LeadsChart.PALETTE.get(0)));
        assertThat(rgb(image, centreX(fair), centreY(fair))).isEqualTo(rgb(LeadsChart.PALETTE.get(1)));
        // above the stack of the first day, below the top of the axis: background
        assertThat(rgb(image, centreX(fair), number(fair, "y") - 10)).isEqualTo(WHITE);
        // the legend's swatches
        List<Element> swatches = svg.all("rect").stream().filter(r -> "12".equals(r.getAttribute("width"))).toList();
        assertThat(swatches).hasSize(2);
        assertThat(rgb(image, centreX(swatches.get(1)), centreY(swatches.get(1))))
                .isEqualTo(rgb(LeadsChart.PALETTE.get(1)));
    }

    @Test
    void shouldPaintNoLeadsAsWords() {
        BufferedImage image = render(LeadsChart.draw(LeadsChartTest.days("2032-03-01", 2, null, List.of(), null,
                new long[] { 0, 0 })));

        assertThat(image.getWidth()).isEqualTo(800);
        // the words in the middle, nothing in the plot's corner
        assertThat(greyPixels(image, 300, 190, 500, 250)).isGreaterThan(50);
        assertThat(rgb(image, 700, 350)).isEqualTo(WHITE);
    }

    private static double centreX(Element rect) {
        return number(rect, "x") + number(rect, "width") / 2;
    }

    private static double centreY(Element rect) {
        return number(rect, "y") + number(rect, "height") / 2;
    }

    private static long darkPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
        return count(image, x0, y0, x1, y1, 0x60);
    }

    private static long greyPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
        return count(image, x0, y0, x1, y1, 0xb0);
    }

    private static long count(BufferedImage image, int x0, int y0, int x1, int y1, int below) {
        long n = 0;
        for (int x = x0; x < x1; x++) {
            for (int y = y0; y < y1; y++) {
                int p = image.getRGB(x, y);
                int brightness = (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3;
                if (brightness < below) {
                    n++;
                }
            }
        }
        return n;
    }
}
