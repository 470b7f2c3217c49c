package org.glyphocr.image;

import static org.glyphocr.image.TestImages.canvas;
import static org.glyphocr.image.TestImages.meanAbsDiff;
import static org.glyphocr.image.TestImages.stroke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.pnm.PnmImageParser;
import org.apache.commons.imaging.formats.pnm.PnmImagingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    private static final ImageDecoder DECODER = ImageDecoder.DEFAULT;

    @TempDir
    Path dir;

    /** A black-on-white, anti-aliased "7" on a 64×64 canvas. */
    private static BufferedImage seven(boolean antialiased) {
        BufferedImage image = canvas(64, 64, 255);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(14, 12);
        path.lineTo(50, 12);
        path.lineTo(26, 56);
        if (antialiased) {
            stroke(image, path, 6, 0);
        } else {
            Graphics2D g = image.createGraphics();
            g.setColor(java.awt.Color.BLACK);
            g.setStroke(new java.awt.BasicStroke(6));
            g.draw(path);
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        switch (format) {
            case "png": return Imaging.writeImageToBytes(image, ImageFormats.PNG);
            case "bmp": return Imaging.writeImageToBytes(image, ImageFormats.BMP);
            case "gif": return Imaging.writeImageToBytes(image, ImageFormats.GIF);
            case "tiff": return Imaging.writeImageToBytes(image, ImageFormats.TIFF);
            case "ppm": return pnm(image, ImageFormats.PPM);
            case "pgm": return pnm(image, ImageFormats.PGM);
            case "pbm": return pnm(image, ImageFormats.PBM);
            case "jpeg": {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertTrue(ImageIO.write(image, "jpeg", out));
                return out.toByteArray();
            }
            default: throw new IllegalArgumentException(format);
        }
    }

    private static byte[] pnm(BufferedImage image, ImageFormats subtype) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PnmImageParser().writeImage(image, out, new PnmImagingParameters().setSubtype(subtype));
        return out.toByteArray();
    }

    private Glyph glyphFromFile(byte[] bytes, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return Preprocessor.DEFAULT.process(file, DECODER).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bmp", "gif", "tiff", "ppm", "pgm"})
    void losslessFormatsDecodeToTheSameGlyph(String format) throws IOException {
        BufferedImage image = seven(true);
        Glyph expected = Preprocessor.DEFAULT.process(image).orElseThrow();
        assertEquals(expected, glyphFromFile(encode(image, format), "seven." + format));
    }

    @Test
    void grayPngDecodesToNearlyTheSameGlyph() throws IOException {
        // Commons Imaging writes this image as an 8-bit gray PNG and reads it back into a
        // TYPE_BYTE_GRAY image, whose samples Java defines as linear light: the conversion rounds
        // dark levels by a few steps, so the glyph is close rather than identical.
        BufferedImage image = seven(true);
        Glyph expected = Preprocessor.DEFAULT.process(image).orElseThrow();
        Glyph png = glyphFromFile(encode(image, "png"), "seven.png");
        assertTrue(meanAbsDiff(expected, png) < 0.005, "difference " + meanAbsDiff(expected, png));
    }

    @Test
    void colourPngDecodesToTheSameGlyph() throws IOException {
        BufferedImage image = seven(true);
        image.setRGB(0, 0, 0xfffffe); // one off-gray pixel makes the writer keep RGB
        Glyph expected = Preprocessor.DEFAULT.process(image).orElseThrow();
        assertEquals(expected, glyphFromFile(encode(image, "png"), "seven.png"));
    }

    @Test
    void jpegDecodesToNearlyTheSameGlyph() throws IOException {
        BufferedImage image = seven(true);
        Glyph expected = Preprocessor.DEFAULT.process(image).orElseThrow();
        Glyph jpeg = glyphFromFile(encode(image, "jpeg"), "seven.jpg");
        assertTrue(meanAbsDiff(expected, jpeg) < 0.03, "difference " + meanAbsDiff(expected, jpeg));
    }

    @Test
    void bitmapPbmDecodesToTheSameGlyphAsPng() throws IOException {
        BufferedImage image = seven(false);
        assertEquals(glyphFromFile(encode(image, "png"), "seven.png"), glyphFromFile(encode(image, "pbm"), "seven.pbm"));
    }

    @Test
    void formatIsRecognisedByContentNotByName() throws IOException {
        BufferedImage image = seven(true);
        assertEquals(glyphFromFile(encode(image, "png"), "seven.png"), glyphFromFile(encode(image, "png"), "really-a-png.jpg"));
        assertEquals(Preprocessor.DEFAULT.process(image).orElseThrow(), glyphFromFile(encode(image, "bmp"), "no-extension"));
    }

    @Test
    void bytesAndStreamsDecodeLikeFiles() throws IOException {
        byte[] png = encode(seven(true), "png");
        BufferedImage fromBytes = DECODER.decode(png, "upload");
        BufferedImage fromStream = DECODER.decode(new ByteArrayInputStream(png), "upload");
        assertEquals(64, fromBytes.getWidth());
        assertEquals(Preprocessor.DEFAULT.process(fromBytes), Preprocessor.DEFAULT.process(fromStream));
    }

    /** readFile refuses what decode(Path) refuses, in the same words, naming the file as told. */
    @Test
    void readFileReadsWhatDecodeReadsNamingTheFileAsTold() throws IOException {
        byte[] png = encode(seven(true), "png");
        Path file = Files.write(dir.resolve("seven.png"), png);
        assertTrue(Arrays.equals(png, DECODER.readFile(file, "file:" + file)));
        DecodeLimits tiny = new DecodeLimits(40_000_000L, png.length - 1);
        for (Path bad : new Path[]{dir.resolve("missing.png"), dir}) {
            ImageDecodeException viaDecode = assertThrows(ImageDecodeException.class, () -> DECODER.decode(bad));
            ImageDecodeException viaRead = assertThrows(ImageDecodeException.class, () -> DECODER.readFile(bad, "elsewhere"));
            assertEquals(viaDecode.getMessage().replace(bad.toString(), "elsewhere"), viaRead.getMessage());
        }
        ImageDecodeException large = assertThrows(ImageDecodeException.class, () -> new ImageDecoder(tiny).readFile(file, "big"));
        assertEquals("big: file is " + png.length + " bytes, more than the limit of " + (png.length - 1), large.getMessage());
    }

    /**
     * The same checks for a file that another file system describes (Hadoop's, say): a directory,
     * a file over the limit, one gone before it is opened, one grown past the limit since it was
     * measured, each refused as readFile(Path) refuses it.
     */
    @Test
    void readFileOfAnyFileSystemRefusesAsReadFileDoes() throws IOException {
        byte[] png = encode(seven(true), "png");
        Path file = Files.write(dir.resolve("seven.png"), png);
        assertTrue(Arrays.equals(png, DECODER.readFile(false, png.length, () -> Files.newInputStream(file), "remote:seven.png")));
        ImageDecoder tiny = new ImageDecoder(new DecodeLimits(40_000_000L, png.length - 1));
        assertEquals(message(() -> DECODER.readFile(dir, "remote:dir")),
                message(() -> DECODER.readFile(true, 4096, () -> Files.newInputStream(dir), "remote:dir")));
        assertEquals(message(() -> tiny.readFile(file, "remote:big")),
                message(() -> tiny.readFile(false, png.length, () -> Files.newInputStream(file), "remote:big")));
        Path missing = dir.resolve("missing.png");
        assertEquals(message(() -> DECODER.readFile(missing, "remote:gone")),
                message(() -> DECODER.readFile(false, 10, () -> { throw new java.io.FileNotFoundException(missing.toString()); }, "remote:gone")));
        assertEquals("remote:grew: file is longer than the limit of " + (png.length - 1) + " bytes",
                message(() -> tiny.readFile(false, 10, () -> Files.newInputStream(file), "remote:grew")));
    }

    private static String message(org.junit.jupiter.api.function.Executable read) {
        return assertThrows(ImageDecodeException.class, read).getMessage();
    }

    @Test
    void transparentPngCompositesOverWhite() throws IOException {
        BufferedImage opaque = seven(true);
        BufferedImage transparent = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) transparent.setRGB(x, y, (255 - TestImages.gray(opaque, x, y)) << 24);
        }
        Glyph expected = Preprocessor.DEFAULT.process(opaque).orElseThrow();
        assertTrue(meanAbsDiff(expected, glyphFromFile(encode(transparent, "png"), "alpha.png")) < 0.005);
    }

    @Test
    void sixteenBitGrayPngDecodes() throws IOException {
        BufferedImage eight = seven(true);
        BufferedImage sixteen = new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) sixteen.getRaster().setSample(x, y, 0, TestImages.gray(eight, x, y) * 257);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(sixteen, "png", out));
        Glyph expected = Preprocessor.DEFAULT.process(eight).orElseThrow();
        assertTrue(meanAbsDiff(expected, glyphFromFile(out.toByteArray(), "deep.png")) < 0.01);
    }

    @Test
    void multiFrameGifGivesItsFirstFrame() throws IOException {
        BufferedImage first = seven(true);
        BufferedImage second = canvas(64, 64, 255);
        TestImages.fill(second, new java.awt.geom.Ellipse2D.Double(10, 10, 40, 40), 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        Glyph expected = Preprocessor.DEFAULT.process(first).orElseThrow();
        assertTrue(meanAbsDiff(expected, glyphFromFile(bytes.toByteArray(), "anim.gif")) < 0.01);
    }

    // ---- failures ----

    private static ImageDecodeException assertRejected(byte[] bytes, String name, String expectedProblem) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DECODER.decode(bytes, name));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
        assertEquals(name, e.source());
        return e;
    }

    @Test
    void missingFileIsReportedAsNotFound() {
        Path missing = dir.resolve("nope.png");
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DECODER.decode(missing));
        assertEquals(missing + ": file not found", e.getMessage());
        assertInstanceOf(NoSuchFileException.class, e.getCause());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DECODER.decode(empty));
        assertEquals(empty + ": file is empty", e.getMessage());
    }

    @Test
    void directoryIsRejected() {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DECODER.decode(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void randomBytesAreNotAnImage() {
        byte[] noise = new byte[1000];
        new SplittableRandom(3).nextBytes(noise);
        noise[0] = 0; // no accidental magic number
        assertRejected(noise, "noise.bin", "not a supported image (PNG, BMP, GIF, TIFF, PNM, JPEG)");
    }

    @Test
    void textFileIsNotAnImage() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "P5 is a great grade, said the notes.\n");
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DECODER.decode(text));
        assertEquals(text + ": not a supported image (PNG, BMP, GIF, TIFF, PNM, JPEG)", e.getMessage());
    }

    @Test
    void truncatedPngIsRejectedNamingTheChunkCutShort() throws IOException {
        byte[] png = encode(seven(true), "png");
        ImageDecodeException e = assertRejected(Arrays.copyOf(png, png.length / 2), "half.png", "cannot decode PNG image");
        assertTrue(e.getMessage().contains("declares") && e.getMessage().contains("left"), e.getMessage());
    }

    @Test
    void aDecoderFailureKeepsItsCause() throws IOException {
        byte[] bmp = encode(seven(true), "bmp");
        ImageDecodeException e = assertRejected(Arrays.copyOf(bmp, bmp.length / 2), "half.bmp", "cannot decode BMP image");
        assertNotNull(e.getCause());
    }

    @Test
    @Timeout(60)
    void damagedFilesOnlyEverFailWithImageDecodeException() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (String format : new String[] {"png", "bmp", "gif", "tiff", "ppm", "jpeg"}) {
            byte[] good = encode(seven(true), format);
            for (int trial = 0; trial < 60; trial++) {
                byte[] bad;
                if (trial < 20) {
                    bad = Arrays.copyOf(good, 1 + random.nextInt(good.length - 1)); // truncated
                } else {
                    bad = good.clone();
                    int flips = 1 + random.nextInt(8);
                    for (int k = 0; k < flips; k++) bad[8 + random.nextInt(bad.length - 8)] = (byte) random.nextInt(256);
                }
                try {
                    DECODER.decode(bad, "damaged." + format);
                } catch (ImageDecodeException e) {
                    assertTrue(e.getMessage().startsWith("damaged." + format + ": "), e.getMessage());
                }
            }
        }
    }

    /** A valid PNG whose header claims the given size, with a tiny (wrong) IDAT: only the header is believable. */
    private static byte[] pngClaiming(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 10 + 12).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0});
        chunk(b, "IHDR", ihdr.array());
        chunk(b, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0});
        chunk(b, "IEND", new byte[0]);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void chunk(ByteBuffer b, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        b.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
    }

    @Test
    void pngClaimingHugeDimensionsIsRejectedBeforeDecoding() {
        assertRejected(pngClaiming(100000, 100000), "scan.png", "image is 100000 x 100000 pixels, more than the limit of 40000000");
    }

    @Test
    void pngClaimingZeroWidthIsRejected() {
        assertRejected(pngClaiming(0, 10), "zero.png", "image has invalid dimensions 0 x 10");
    }

    @Test
    void bmpClaimingHugeDimensionsIsRejectedBeforeDecoding() {
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + 16).putInt(0).putInt(54); // file header
        b.putInt(40).putInt(100000).putInt(100000).putShort((short) 1).putShort((short) 24)
                .putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0); // BITMAPINFOHEADER
        assertRejected(b.array(), "huge.bmp", "image is 100000 x 100000 pixels, more than the limit of 40000000");
    }

    @Test
    void gifClaimingHugeScreenIsRejectedBeforeDecoding() {
        ByteBuffer b = ByteBuffer.allocate(13 + 6 + 11).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0xffff).putShort((short) 0xffff)
                .put((byte) 0x80).put((byte) 0).put((byte) 0); // global colour table of 2 entries
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        b.put((byte) 0x2c).putShort((short) 0).putShort((short) 0).putShort((short) 0xffff).putShort((short) 0xffff).put((byte) 0);
        assertRejected(b.array(), "huge.gif", "image is 65535 x 65535 pixels, more than the limit of 40000000");
    }

    @Test
    void jpegClaimingHugeDimensionsIsRejectedBeforeDecoding() throws IOException {
        byte[] jpeg = encode(seven(true), "jpeg");
        for (int i = 2; i + 8 < jpeg.length; i++) {
            // The baseline start-of-frame marker: FF C0, length, precision, height, width.
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC0) {
                jpeg[i + 5] = (byte) 0x9c; // 40000
                jpeg[i + 6] = (byte) 0x40;
                jpeg[i + 7] = (byte) 0x9c;
                jpeg[i + 8] = (byte) 0x40;
                break;
            }
        }
        assertRejected(jpeg, "huge.jpg", "image is 40000 x 40000 pixels, more than the limit of 40000000");
    }

    @Test
    void imageAbovePixelLimitIsRejected() throws IOException {
        ImageDecoder small = new ImageDecoder(new DecodeLimits(4000, 1 << 20));
        byte[] png = encode(seven(true), "png");
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> small.decode(png, "seven.png"));
        assertEquals("seven.png: image is 64 x 64 pixels, more than the limit of 4000", e.getMessage());
    }

    @Test
    void fileAboveByteLimitIsRejected() throws IOException {
        ImageDecoder small = new ImageDecoder(new DecodeLimits(1_000_000, 100));
        byte[] png = encode(seven(true), "png");
        Path file = Files.write(dir.resolve("big.png"), png);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> small.decode(file));
        assertEquals(file + ": file is " + png.length + " bytes, more than the limit of 100", e.getMessage());
        assertThrows(ImageDecodeException.class, () -> small.decode(png, "big.png"));
    }

    @Test
    void endlessStreamIsCutOffAtTheByteLimit() {
        ImageDecoder small = new ImageDecoder(new DecodeLimits(1_000_000, 1000));
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'P';
            }
        };
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> small.decode(endless, "pipe"));
        assertEquals("pipe: data is longer than the limit of 1000 bytes", e.getMessage());
    }

    @Test
    void failingStreamIsReportedWithItsName() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DECODER.decode(broken, "socket"));
        assertEquals("socket: cannot read stream: connection reset", e.getMessage());
    }

    @Test
    void aPngChunkLongerThanTheFileIsRejectedBeforeAnythingIsAllocated() throws Exception {
        byte[] png = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("testdata/samples/mnist-0.png"));
        png[8] = 0x7F; // IHDR's length field now says about 2 GB: the decoder would allocate that much
        ImageDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.DEFAULT.decode(png, "huge-chunk.png"));
        assertTrue(e.getMessage().contains("huge-chunk.png") && e.getMessage().contains("chunk 'IHDR' at offset 8 declares"), e.getMessage());
    }

    /** An animation or multi-page file of three 10×10 frames, as the JDK writes it. */
    private static byte[] threeFrames(String format) throws IOException {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < 3; i++) {
                writer.writeToSequence(new javax.imageio.IIOImage(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void filesWithMoreFramesThanTheLimitAreRefused() throws IOException {
        ImageDecoder twoFrames = new ImageDecoder(new DecodeLimits(1_000_000, 1 << 20, 2));
        for (String format : new String[] {"gif", "tiff"}) {
            byte[] file = threeFrames(format);
            assertEquals(10, ImageDecoder.DEFAULT.decode(file, "three." + format).getWidth(), "the first frame, by default");
            ImageDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(ImageDecodeException.class,
                    () -> twoFrames.decode(file, "three." + format));
            assertTrue(e.getMessage().contains("three." + format) && e.getMessage().contains("3 frames, more than the limit of 2"), e.getMessage());
        }
        assertEquals(DecodeLimits.DEFAULT_MAX_FRAMES, new DecodeLimits(10, 10).maxFrames());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(10, 10, 0));
    }

    @Test
    void aGifFrameLargerThanItsScreenIsCheckedBeforeDecoding() throws IOException {
        byte[] gif = encode(seven(true), "gif");
        int at = 13 + ((gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0);
        while ((gif[at] & 0xff) != 0x2C) at += 2 + (gif[at + 2] & 0xff) + 2; // skip the JDK's one-sub-block extensions
        gif[at + 6] = 25; // the frame's width and height, high bytes: about 6,400 × 22,300 in a small screen
        gif[at + 8] = 87;
        ImageDecodeException e = assertRejected(gif, "tall-frame.gif", "pixels, more than the limit");
        assertTrue(e.getMessage().contains("tall-frame.gif"), e.getMessage());
    }
}
