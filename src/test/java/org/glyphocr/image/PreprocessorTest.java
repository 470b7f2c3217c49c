package org.glyphocr.image;

import static org.glyphocr.image.TestImages.ascii;
import static org.glyphocr.image.TestImages.canvas;
import static org.glyphocr.image.TestImages.centerOfMass;
import static org.glyphocr.image.TestImages.embedded;
import static org.glyphocr.image.TestImages.fill;
import static org.glyphocr.image.TestImages.ink;
import static org.glyphocr.image.TestImages.inkSpan;
import static org.glyphocr.image.TestImages.inverted;
import static org.glyphocr.image.TestImages.mass;
import static org.glyphocr.image.TestImages.meanAbsDiff;
import static org.glyphocr.image.TestImages.mnist;
import static org.glyphocr.image.TestImages.stroke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
    /** The geometry tests below reason about a glyph that fills the whole frame. */
    private static final PreprocessSettings FULL_FRAME = PreprocessSettings.builder().fitSize(Glyph.SIZE).strokeWidth(0).build();
    private static final Preprocessor PRE = new Preprocessor(FULL_FRAME);

    private static Glyph glyphOf(BufferedImage image) {
        Optional<Glyph> glyph = PRE.process(image);
        assertTrue(glyph.isPresent(), "expected ink in the image");
        return glyph.get();
    }

    /** A black-on-white "4"-like shape: two strokes and a bar, in a canvas of the given size. */
    private static BufferedImage drawnFour(int width, int height, double x, double y, double size) {
        BufferedImage image = canvas(width, height, 255);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x + 0.6 * size, y + size);
        path.lineTo(x + 0.6 * size, y);
        path.lineTo(x, y + 0.65 * size);
        path.lineTo(x + 0.8 * size, y + 0.65 * size);
        stroke(image, path, (float) (size * 0.1), 0);
        return image;
    }

    @Test
    void whiteOnBlackAndBlackOnWhiteGiveTheSameGlyph() {
        for (int digit = 0; digit < 10; digit++) {
            BufferedImage whiteOnBlack = mnist(digit, 3);
            Glyph a = glyphOf(whiteOnBlack);
            Glyph b = glyphOf(inverted(whiteOnBlack));
            assertTrue(meanAbsDiff(a, b) < 1e-3, "digit " + digit + ": " + ascii(a) + " vs " + ascii(b));
        }
    }

    @Test
    void explicitPolarityMatchesAutomaticOnClearImages() {
        BufferedImage whiteOnBlack = mnist(5, 0);
        Preprocessor lightOnDark = new Preprocessor(FULL_FRAME.toBuilder().polarity(Polarity.LIGHT_ON_DARK).build());
        Preprocessor darkOnLight = new Preprocessor(FULL_FRAME.toBuilder().polarity(Polarity.DARK_ON_LIGHT).build());
        assertEquals(glyphOf(whiteOnBlack), lightOnDark.process(whiteOnBlack).orElseThrow());
        assertEquals(glyphOf(inverted(whiteOnBlack)), darkOnLight.process(inverted(whiteOnBlack)).orElseThrow());
    }

    @Test
    void glyphDrawnAnywhereInALargeCanvasGivesTheSameGlyph() {
        BufferedImage digit = mnist(2, 1);
        Glyph alone = glyphOf(digit);
        Glyph topLeft = glyphOf(embedded(digit, 400, 300, 0, 3, 5));
        Glyph bottomRight = glyphOf(embedded(digit, 400, 300, 0, 360, 265));
        assertEquals(alone, topLeft, ascii(alone) + ascii(topLeft));
        assertEquals(alone, bottomRight);
    }

    @Test
    void drawnShapeAtDifferentPlacesGivesNearlyTheSameGlyph() {
        Glyph a = glyphOf(drawnFour(300, 300, 20, 30, 100));
        Glyph b = glyphOf(drawnFour(300, 300, 170.25, 150.5, 100));
        // Sub-pixel placement changes the anti-aliasing slightly, nothing more.
        assertTrue(meanAbsDiff(a, b) < 0.01, ascii(a) + ascii(b));
    }

    @Test
    void tallBarKeepsItsTwoToOneAspectRatio() {
        BufferedImage image = canvas(200, 200, 255);
        fill(image, new Rectangle2D.Double(50, 40, 40, 80), 0);
        int[] span = inkSpan(glyphOf(image), 0.5);
        assertEquals(10, span[0], "columns");
        assertEquals(20, span[1], "rows");
    }

    @Test
    void wideBarKeepsItsOneToTwoAspectRatio() {
        BufferedImage image = canvas(300, 120, 255);
        fill(image, new Rectangle2D.Double(100, 30, 120, 60), 0);
        int[] span = inkSpan(glyphOf(image), 0.5);
        assertEquals(20, span[0], "columns");
        assertEquals(10, span[1], "rows");
    }

    @Test
    void smallerFitSizeShrinksTheLongerSide() {
        BufferedImage image = canvas(200, 200, 255);
        fill(image, new Rectangle2D.Double(50, 40, 40, 80), 0);
        Preprocessor fit16 = new Preprocessor(FULL_FRAME.toBuilder().fitSize(16).build());
        int[] span = inkSpan(fit16.process(image).orElseThrow(), 0.5);
        assertEquals(8, span[0], "columns");
        assertEquals(16, span[1], "rows");
    }

    @Test
    void symmetricShapeIsCentredAtTheFrameCentre() {
        BufferedImage image = canvas(500, 300, 255);
        stroke(image, new Ellipse2D.Double(301.3, 17.8, 120, 160), 14, 0);
        Glyph glyph = glyphOf(image);
        double[] com = centerOfMass(glyph);
        assertEquals(10.0, com[0], 0.5, "x" + ascii(glyph));
        assertEquals(10.0, com[1], 0.5, "y");
    }

    @Test
    void centringByMassNeverPushesInkOutOfTheFrame() {
        // A heavy blob at the top of a long thin tail: its centre of mass is far from the box centre.
        BufferedImage image = canvas(200, 200, 255);
        fill(image, new Ellipse2D.Double(60, 20, 80, 60), 0);
        fill(image, new Rectangle2D.Double(98, 20, 4, 160), 0);
        Glyph byMass = glyphOf(image);
        Glyph byBox = new Preprocessor(FULL_FRAME.toBuilder().centerOfMass(false).build()).process(image).orElseThrow();
        // Nothing was clipped: the same ink is in the frame either way, and it touches the top and bottom rows.
        assertEquals(mass(byBox), mass(byMass), 1e-3 * mass(byBox));
        assertTrue(ink(byMass, 10, 0) > 0.1, ascii(byMass));
        assertTrue(ink(byMass, 10, 19) > 0.1, ascii(byMass));
    }

    @Test
    void offCentreMassIsMovedTowardsTheCentreWhereThereIsRoom() {
        // A tall shape, narrow, heavy on its right side: horizontal room lets the mass be centred.
        BufferedImage image = canvas(200, 200, 255);
        fill(image, new Rectangle2D.Double(50, 20, 10, 160), 0);
        fill(image, new Rectangle2D.Double(80, 20, 30, 160), 0);
        double[] com = centerOfMass(glyphOf(image));
        assertEquals(10.0, com[0], 0.5);
    }

    @Test
    void valuesStayWithinHalfAndPaperFarFromInkIsExactlyHalf() {
        for (int digit = 0; digit < 10; digit++) {
            for (int index = 0; index < 20; index++) {
                for (float v : glyphOf(mnist(digit, index)).values()) {
                    assertTrue(v >= -0.5f && v <= 0.5f, "value " + v);
                }
            }
        }
        BufferedImage image = canvas(100, 100, 255);
        fill(image, new Rectangle2D.Double(45, 20, 10, 60), 0); // fitted to 4 x 20, centred at columns 8..11
        Glyph glyph = glyphOf(image);
        for (int y = 0; y < Glyph.SIZE; y++) {
            for (int x = 0; x < Glyph.SIZE; x++) {
                if (x < 7 || x > 12) assertEquals(0.5f, glyph.value(x, y), "x=" + x + " y=" + y);
            }
        }
    }

    @Test
    void fullInkReachesMinusHalf() {
        BufferedImage image = canvas(100, 100, 255);
        fill(image, new Rectangle2D.Double(20, 20, 60, 60), 0);
        Glyph glyph = glyphOf(image);
        assertEquals(-0.5f, glyph.value(10, 10));
        assertEquals(-0.5f, glyph.value(0, 0));
    }

    @Test
    void blankImageHasNoGlyph() {
        assertTrue(PRE.process(canvas(64, 64, 255)).isEmpty());
        assertTrue(PRE.process(canvas(64, 64, 0)).isEmpty());
    }

    @Test
    void uniformGrayImageHasNoGlyph() {
        assertTrue(PRE.process(canvas(50, 30, 128)).isEmpty());
        assertTrue(PRE.extractInk(canvas(1, 1, 77)).isEmpty());
    }

    @Test
    void grayImageWithFaintNoiseHasNoGlyph() {
        BufferedImage image = canvas(80, 80, 200);
        SplittableRandom random = new SplittableRandom(7);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                int v = 200 + random.nextInt(-8, 9);
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        assertTrue(PRE.process(image).isEmpty());
    }

    @Test
    void lonePixelAloneIsNoise() {
        BufferedImage image = canvas(50, 50, 255);
        image.setRGB(20, 30, 0);
        assertTrue(PRE.process(image).isEmpty());
    }

    @Test
    void lonePixelCountsAsInkWhenTheMinimumComponentIsOnePixel() {
        BufferedImage image = canvas(50, 50, 255);
        image.setRGB(20, 30, 0);
        Preprocessor keepAll = new Preprocessor(FULL_FRAME.toBuilder().minComponentPixels(1).build());
        Glyph glyph = keepAll.process(image).orElseThrow();
        assertEquals(Glyph.PIXELS, mass(glyph), 1e-3, "one pixel fitted to 20 fills the frame");
    }

    @Test
    void speckFarFromTheDigitIsIgnored() {
        BufferedImage digit = embedded(mnist(3, 2), 120, 120, 0, 10, 10);
        Glyph clean = glyphOf(digit);
        BufferedImage specked = embedded(mnist(3, 2), 120, 120, 0, 10, 10);
        specked.setRGB(110, 105, 0xffffff);
        specked.setRGB(100, 20, 0x808080);
        specked.setRGB(3, 115, 0xffffff);
        assertEquals(clean, glyphOf(specked));
    }

    @Test
    void smallBlotNextToALargeGlyphIsASpeckle() {
        BufferedImage image = drawnFour(300, 300, 30, 30, 150);
        Glyph clean = glyphOf(image);
        fill(image, new Rectangle2D.Double(270, 270, 3, 3), 0); // 9 pixels, well below 2% of the stroke
        assertEquals(clean, glyphOf(image));
    }

    @Test
    void secondStrokeOfComparableSizeIsKept() {
        // The dot of an "i" is small but not a speckle.
        BufferedImage image = canvas(100, 100, 255);
        fill(image, new Rectangle2D.Double(45, 40, 8, 50), 0);
        fill(image, new Ellipse2D.Double(44, 15, 10, 10), 0);
        Glyph glyph = glyphOf(image);
        assertTrue(ink(glyph, 10, 1) > 0.5, ascii(glyph));
    }

    @Test
    void digitUpscaledFourTimesGivesNearlyTheSameGlyph() {
        // Sub-pixel registration alone moves stroke edges by a fraction of a pixel, so the glyphs
        // cannot agree exactly; two different samples of the same digit differ by 0.07 to 0.4.
        double total = 0;
        for (int digit = 0; digit < 10; digit++) {
            BufferedImage original = mnist(digit, 7);
            Glyph small = glyphOf(original);
            Glyph large = glyphOf(TestImages.upscaledBicubic(original, 4));
            double difference = meanAbsDiff(small, large);
            assertTrue(difference < 0.1, "digit " + digit + ": " + difference + ascii(small) + ascii(large));
            total += difference;
        }
        assertTrue(total / 10 < 0.05, "mean difference " + total / 10);
    }

    @Test
    void thinRingInALargeImageStaysVisibleAfterDownscaling() {
        BufferedImage image = canvas(1000, 1000, 255);
        stroke(image, new Ellipse2D.Double(100, 100, 800, 800), 3, 0);
        Glyph glyph = glyphOf(image);
        // Averaging keeps each stroke pixel's share: about 2·π·400·3 ink pixels, scaled by (20/803)².
        double expectedMass = 2 * Math.PI * 400 * 3 * Math.pow(20.0 / 803, 2);
        assertEquals(expectedMass, mass(glyph), 0.15 * expectedMass, ascii(glyph));
        // No part of the ring aliased away: each eighth of the turn holds about an eighth of the ink.
        double[] sectors = new double[8];
        for (int y = 0; y < Glyph.SIZE; y++) {
            for (int x = 0; x < Glyph.SIZE; x++) {
                double angle = Math.atan2(y + 0.5 - 10, x + 0.5 - 10) + Math.PI;
                sectors[Math.min(7, (int) (angle / (2 * Math.PI) * 8))] += ink(glyph, x, y);
            }
        }
        for (double sector : sectors) assertEquals(mass(glyph) / 8, sector, 0.25 * mass(glyph) / 8, ascii(glyph));
        assertEquals(0.5f, glyph.value(10, 10), "the ring's centre is paper");
    }

    @Test
    void lightPencilLooksLikeBlackMarker() {
        BufferedImage black = drawnFour(120, 120, 10, 10, 100);
        BufferedImage pencil = canvas(120, 120, 255);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(70, 110);
        path.lineTo(70, 10);
        path.lineTo(10, 75);
        path.lineTo(90, 75);
        stroke(pencil, path, 10, 200);
        Glyph a = glyphOf(black);
        Glyph b = glyphOf(pencil);
        assertTrue(meanAbsDiff(a, b) < 0.02, meanAbsDiff(a, b) + ascii(a) + ascii(b));
    }

    /**
     * Pencil as a phone photographs it: grey strokes (at most 65 of 255 darker than the paper, and
     * where the pencil was pressed lightly a third of that) on paper that is lit unevenly and grainy.
     * The faint parts stand well clear of the grain, so they are ink, and the glyph is the marker's.
     */
    @Test
    void faintPencilOnUnevenGrainyPaperLooksLikeMarkerOnCleanPaper() {
        BufferedImage marker = drawnFour(120, 120, 10, 10, 100);
        BufferedImage photo = canvas(120, 120, 255);
        SplittableRandom grain = new SplittableRandom(4);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                double coverage = (255 - TestImages.gray(marker, x, y)) / 255.0;
                double pressure = 0.35 + 0.65 * (0.5 + 0.5 * Math.cos((x + y) / 12.0));
                double paper = 230 + 12 * (x - 60) / 60.0 - 6 * (y - 60) / 60.0; // lit from the right and above
                double value = paper - 65 * pressure * coverage + 3 * grain.nextGaussian();
                photo.setRGB(x, y, 0x010101 * (int) Math.max(0, Math.min(255, Math.round(value))));
            }
        }
        Glyph a = glyphOf(marker);
        Glyph b = glyphOf(photo);
        int missed = 0;
        int spurious = 0;
        for (int y = 0; y < Glyph.SIZE; y++) {
            for (int x = 0; x < Glyph.SIZE; x++) {
                if (ink(a, x, y) >= 0.5 && ink(b, x, y) < 0.1) missed++;
                if (ink(a, x, y) == 0 && ink(b, x, y) >= 0.3) spurious++;
            }
        }
        assertTrue(missed == 0 && spurious == 0, missed + " stroke pixels missed, " + spurious + " shading pixels taken for ink"
                + ascii(a) + ascii(b));
    }

    @Test
    void withoutContrastNormalisationLightInkStaysLight() {
        BufferedImage pencil = canvas(100, 100, 255);
        fill(pencil, new Rectangle2D.Double(30, 20, 40, 60), 155);
        Preprocessor raw = new Preprocessor(FULL_FRAME.toBuilder().normalizeContrast(false).build());
        Glyph glyph = raw.process(pencil).orElseThrow();
        assertEquals(100 / 255.0, ink(glyph, 10, 10), 0.01);
        assertEquals(1.0, ink(PRE.process(pencil).orElseThrow(), 10, 10), 1e-6);
    }

    @Test
    void transparentBackgroundCountsAsPaper() {
        BufferedImage opaque = drawnFour(100, 100, 10, 10, 80);
        BufferedImage transparent = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                int ink = 255 - TestImages.gray(opaque, x, y);
                transparent.setRGB(x, y, ink << 24); // black, as opaque as the ink is dark
            }
        }
        assertTrue(meanAbsDiff(glyphOf(opaque), glyphOf(transparent)) < 0.005);
    }

    @Test
    void deskewStraightensASlantedBar() {
        BufferedImage image = canvas(200, 200, 255);
        Path2D.Double slanted = new Path2D.Double();
        slanted.moveTo(120, 20);
        slanted.lineTo(140, 20);
        slanted.lineTo(80, 180);
        slanted.lineTo(60, 180);
        slanted.closePath();
        fill(image, slanted, 0);
        Preprocessor deskew = new Preprocessor(FULL_FRAME.toBuilder().deskew(true).build());
        Preprocessor plain = new Preprocessor(FULL_FRAME.toBuilder().deskew(false).build());
        int[] straight = inkSpan(deskew.process(image).orElseThrow(), 0.5);
        int[] slantedSpan = inkSpan(plain.process(image).orElseThrow(), 0.5);
        assertTrue(straight[0] <= 4, "deskewed bar is " + straight[0] + " columns wide");
        assertTrue(slantedSpan[0] >= 9, "slanted bar is " + slantedSpan[0] + " columns wide");
    }

    @Test
    void deskewLeavesAnUprightShapeAlone() {
        BufferedImage image = canvas(100, 100, 255);
        fill(image, new Rectangle2D.Double(30, 20, 40, 60), 0);
        Preprocessor deskew = new Preprocessor(FULL_FRAME.toBuilder().deskew(true).build());
        Preprocessor plain = new Preprocessor(FULL_FRAME.toBuilder().deskew(false).build());
        assertTrue(meanAbsDiff(deskew.process(image).orElseThrow(), plain.process(image).orElseThrow()) < 1e-4);
    }

    @Test
    void extractInkCropsToTheInk() {
        BufferedImage image = canvas(100, 80, 255);
        fill(image, new Rectangle2D.Double(30, 20, 10, 5), 0);
        InkImage ink = PRE.extractInk(image).orElseThrow();
        assertEquals(10, ink.width());
        assertEquals(5, ink.height());
        assertEquals(1f, ink.ink(0, 0));
    }

    @Test
    void toGlyphAcceptsUncroppedInkImages() {
        float[] data = new float[30 * 30];
        for (int y = 10; y < 20; y++) {
            for (int x = 12; x < 17; x++) data[y * 30 + x] = 1f;
        }
        Glyph padded = PRE.toGlyph(InkImage.of(30, 30, data));
        float[] tight = new float[5 * 10];
        java.util.Arrays.fill(tight, 1f);
        assertEquals(PRE.toGlyph(InkImage.of(5, 10, tight)), padded);
    }

    @Test
    void toGlyphOfEmptyInkIsBlank() {
        assertEquals(Glyph.blank(), PRE.toGlyph(InkImage.of(3, 3, new float[9])));
    }

    @Test
    void smallGlyphIsEnlargedToFit() {
        BufferedImage image = canvas(40, 40, 255);
        fill(image, new Rectangle2D.Double(18, 15, 3, 6), 0);
        int[] span = inkSpan(glyphOf(image), 0.5);
        assertEquals(10, span[0]);
        assertEquals(20, span[1]);
    }

    @Test
    void everyMnistZeroHasAGlyph() {
        for (Path file : TestImages.mnistFiles(0)) {
            try {
                assertTrue(PRE.process(file, ImageDecoder.DEFAULT).isPresent(), file.toString());
            } catch (ImageDecodeException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void mnistDigitKeepsItsShape() {
        // MNIST digits are already fitted to about 20 pixels: the glyph is nearly the 28×28 image's centre.
        BufferedImage image = mnist(8, 0);
        Glyph glyph = glyphOf(image);
        double[] com = centerOfMass(glyph);
        assertEquals(10.0, com[0], 0.5);
        assertEquals(10.0, com[1], 0.5);
        assertFalse(glyph.equals(Glyph.blank()));
    }

    @Test
    void processDecodesBytes() throws Exception {
        byte[] png = org.apache.commons.imaging.Imaging.writeImageToBytes(mnist(6, 0), org.apache.commons.imaging.ImageFormats.PNG);
        assertEquals(glyphOf(mnist(6, 0)), PRE.process(png, "six.png", ImageDecoder.DEFAULT).orElseThrow());
    }

    @Test
    void concurrentUseGivesTheSameGlyphsAsSequentialUse() {
        java.util.List<BufferedImage> images = new java.util.ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            for (int index = 0; index < 20; index++) images.add(mnist(digit, index));
        }
        java.util.List<Optional<Glyph>> sequential = images.stream().map(PRE::process).toList();
        java.util.List<Optional<Glyph>> parallel = images.parallelStream().map(PRE::process).toList();
        assertEquals(sequential, parallel);
    }
}
