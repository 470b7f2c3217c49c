package org.glyphocr.image;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.commons.imaging.AbstractImageParser;
import org.apache.commons.imaging.ImagingParameters;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.bmp.BmpImageParser;
import org.apache.commons.imaging.formats.gif.GifImageParser;
import org.apache.commons.imaging.formats.png.PngImageParser;
import org.apache.commons.imaging.formats.pnm.PnmImageParser;
import org.apache.commons.imaging.formats.tiff.TiffImageParser;

/**
 * Reads PNG, BMP, GIF, TIFF, PNM (PBM, PGM, PPM, PAM) and JPEG files into a {@link BufferedImage}.
 *
 * <p>The format is recognised from the first bytes of the data (its magic number), never from the
 * file name. PNG, BMP, GIF, TIFF and PNM are decoded by Apache Commons Imaging, JPEG by the JDK's
 * ImageIO. Before any pixels are decoded, the data size and the dimensions in the image header are
 * checked against the {@link DecodeLimits}. Of multi-frame GIF and TIFF files only the first frame is
 * read.
 *
 * <p>Every failure, whatever its cause (missing or empty file, unknown format, truncated or corrupt
 * data, a decoder bug that throws a {@code RuntimeException}), is reported as an
 * {@link ImageDecodeException} whose message starts with the source's name.
 *
 * <p>Instances are immutable and thread-safe: each call creates its own decoder objects.
 */
public final class ImageDecoder {
    static {
        // Decoders make gray images: the JDK's tables for them must be full before two threads do.
        GrayConversionTables.fill();
    }

    /** A decoder with {@link DecodeLimits#DEFAULT} limits. */
    public static final ImageDecoder DEFAULT = new ImageDecoder(DecodeLimits.DEFAULT);

    private static final String SUPPORTED = "PNG, BMP, GIF, TIFF, PNM, JPEG";

    private final DecodeLimits limits;

    /** A decoder that enforces the given limits. */
    public ImageDecoder(DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits this decoder enforces. */
    public DecodeLimits limits() {
        return limits;
    }

    /** For example {@code ImageDecoder[DecodeLimits[maxPixels=40000000, maxFileBytes=67108864, maxFrames=1000]]}. */
    @Override
    public String toString() {
        return "ImageDecoder[" + limits + "]";
    }

    /**
     * Reads and decodes an image file. The exception messages name the file as {@code file.toString()}.
     *
     * @return a new image; for a multi-frame GIF or TIFF, the first frame
     * @throws ImageDecodeException if the file is missing, a directory, unreadable, empty, larger than
     *     {@code maxFileBytes}, not a supported image, larger than {@code maxPixels}, or corrupt
     */
    public BufferedImage decode(Path file) throws ImageDecodeException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        return decode(readFile(file, source), source);
    }

    /**
     * Decodes an encoded image held in memory.
     *
     * @param bytes the whole encoded file. Not modified.
     * @param sourceName what to call the data in exception messages, e.g. an upload's file name
     * @return a new image; for a multi-frame GIF or TIFF, the first frame
     * @throws ImageDecodeException if the data is empty, larger than {@code maxFileBytes}, not a
     *     supported image, larger than {@code maxPixels}, or corrupt
     */
    public BufferedImage decode(byte[] bytes, String sourceName) throws ImageDecodeException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sourceName, "sourceName");
        if (bytes.length == 0) throw new ImageDecodeException(sourceName, "file is empty", null);
        if (bytes.length > limits.maxFileBytes()) {
            throw new ImageDecodeException(sourceName, "file is " + bytes.length
                    + " bytes, more than the limit of " + limits.maxFileBytes(), null);
        }
        Format format = Format.detect(bytes);
        if (format == null) throw new ImageDecodeException(sourceName, "not a supported image (" + SUPPORTED + ")", null);
        BufferedImage image;
        try {
            image = switch (format) {
                case PNG -> {
                    checkPngChunks(bytes, sourceName);
                    yield decodeWithCommons(new PngImageParser(), bytes, sourceName);
                }
                case BMP -> decodeWithCommons(new BmpImageParser(), bytes, sourceName);
                case GIF -> {
                    checkGifScreen(bytes, sourceName);
                    yield decodeWithCommons(new GifImageParser(), bytes, sourceName);
                }
                case TIFF -> decodeWithCommons(new TiffImageParser(), bytes, sourceName);
                case PNM -> decodeWithCommons(new PnmImageParser(), bytes, sourceName);
                case JPEG -> decodeJpeg(bytes, sourceName);
            };
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders signal bad data with all sorts of runtime exceptions (index out of bounds,
            // negative array size, ...); none of them may escape as anything but a decode failure.
            throw new ImageDecodeException(sourceName, "cannot decode " + format + " image: " + describe(e), e);
        }
        if (image == null) throw new ImageDecodeException(sourceName, "cannot decode " + format + " image: the decoder returned no image", null);
        checkDimensions(image.getWidth(), image.getHeight(), sourceName);
        return image;
    }

    /**
     * Reads an encoded image from a stream and decodes it. Reads at most {@code maxFileBytes + 1}
     * bytes, so an endless or oversized stream is rejected without being buffered whole. The stream
     * is not closed.
     *
     * @param sourceName what to call the data in exception messages
     * @throws ImageDecodeException if reading fails, or for any reason
     *     {@link #decode(byte[], String)} gives
     */
    public BufferedImage decode(InputStream in, String sourceName) throws ImageDecodeException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
        } catch (IOException e) {
            throw new ImageDecodeException(sourceName, "cannot read stream: " + describe(e), e);
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw new ImageDecodeException(sourceName, "data is longer than the limit of " + limits.maxFileBytes() + " bytes", null);
        }
        return decode(bytes, sourceName);
    }

    /**
     * Reads an image file's bytes, refusing it as {@link #decode(Path)} does before decoding; for a
     * caller that decodes elsewhere, or names the file otherwise (a URI, say).
     *
     * @param source what to call the file in exception messages
     * @return the whole file, at most {@code maxFileBytes}
     * @throws ImageDecodeException if the file is missing, a directory, unreadable, or larger than
     *     {@code maxFileBytes}
     */
    public byte[] readFile(Path file, String source) throws ImageDecodeException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(source, "file not found", e);
        } catch (IOException e) {
            throw new ImageDecodeException(source, "cannot read file: " + describe(e), e);
        }
        return readFile(attributes.isDirectory(), attributes.size(), () -> Files.newInputStream(file), source);
    }

    /**
     * Reads an image file of any file system, refusing it as {@link #readFile(Path, String)} does,
     * in the same words: for a caller whose own file system says what the file is, such as Hadoop's.
     *
     * <pre>{@code
     * FileStatus status = fs.getFileStatus(path);
     * byte[] bytes = ImageDecoder.DEFAULT.readFile(status.isDirectory(), status.getLen(), () -> fs.open(path), path.toString());
     * }</pre>
     *
     * @param directory whether the file is a directory
     * @param size its length in bytes, as its file system gives it
     * @param open opens it; a {@link NoSuchFileException} or {@link FileNotFoundException} from there
     *     means the file is gone
     * @param source what to call the file in exception messages
     * @return the whole file, at most {@code maxFileBytes}
     * @throws ImageDecodeException if it is a directory, gone, unreadable, or longer than {@code maxFileBytes}
     */
    public byte[] readFile(boolean directory, long size, FileOpener open, String source) throws ImageDecodeException {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(source, "source");
        if (directory) throw new ImageDecodeException(source, "is a directory, not an image file", null);
        if (size > limits.maxFileBytes()) {
            throw new ImageDecodeException(source, "file is " + size + " bytes, more than the limit of " + limits.maxFileBytes(), null);
        }
        // Read through a bounded stream, not readAllBytes: the file may have grown since it was measured.
        byte[] bytes;
        try (InputStream in = open.open()) {
            bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new ImageDecodeException(source, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new ImageDecodeException(source, "permission denied", e);
        } catch (IOException e) {
            throw new ImageDecodeException(source, "cannot read file: " + describe(e), e);
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw new ImageDecodeException(source, "file is longer than the limit of " + limits.maxFileBytes() + " bytes", null);
        }
        return bytes;
    }

    /** Opens a file for {@link #readFile(boolean, long, FileOpener, String)}. */
    @FunctionalInterface
    public interface FileOpener {
        InputStream open() throws IOException;
    }

    private <T extends ImagingParameters<T>> BufferedImage decodeWithCommons(
            AbstractImageParser<T> parser, byte[] bytes, String source) throws IOException {
        ByteSource data = ByteSource.array(bytes, source);
        T parameters = parser.getDefaultParameters();
        parameters.setBufferedImageFactory(PackedRgbImage.FACTORY);
        // The header alone: no pixel memory is allocated until the size has been checked.
        Dimension size = parser.getImageSize(data, parameters);
        checkDimensions(size.width, size.height, source);
        if (parser instanceof GifImageParser || parser instanceof TiffImageParser) {
            int frames = parser.getImageInfo(data, parameters).getNumberOfImages();
            if (frames > limits.maxFrames()) {
                throw new ImageDecodeException(source, "image has " + frames + " frames, more than the limit of " + limits.maxFrames(), null);
            }
        }
        return parser.getBufferedImage(data, parameters);
    }

    /**
     * Every PNG chunk's declared length must fit in what is left of the file: the decoder allocates
     * a chunk's buffer from its length field before reading it, so one corrupted length byte would
     * otherwise ask for gigabytes (found by {@code HostileInputTest} under a 256 MB heap).
     */
    private static void checkPngChunks(byte[] bytes, String source) throws ImageDecodeException {
        int at = 8; // after the signature
        while (at + 8 <= bytes.length) {
            long length = ((bytes[at] & 0xffL) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
            String type = new String(bytes, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            long left = bytes.length - (at + 12L);
            if (length > left) {
                throw new ImageDecodeException(source, "cannot decode PNG image: chunk '" + printable(type) + "' at offset " + at
                        + " declares " + length + " bytes of data, but the file has only " + Math.max(0, left) + " left", null);
            }
            if (type.equals("IEND")) return;
            at += 12 + (int) length;
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "?";
    }

    /**
     * A GIF's logical screen and each frame's own size, checked before decoding: the decoder
     * allocates a frame's pixels from its descriptor, which may claim more than the screen
     * (found by {@code HostileInputTest}: a 28 × 28 screen with a 6428 × 22300 frame). Walks the
     * blocks without decoding them; a structure it cannot follow is left to the decoder to refuse.
     */
    private void checkGifScreen(byte[] bytes, String source) throws ImageDecodeException {
        if (bytes.length < 13) throw new ImageDecodeException(source, "cannot decode GIF image: header is truncated", null);
        checkDimensions(u16(bytes, 6), u16(bytes, 8), source);
        int at = 13;
        if ((bytes[10] & 0x80) != 0) at += 3 << ((bytes[10] & 7) + 1); // global colour table
        while (at < bytes.length) {
            int block = bytes[at] & 0xff;
            if (block == 0x21) { // extension: label, then sub-blocks
                at = skipSubBlocks(bytes, at + 2);
            } else if (block == 0x2C) { // image descriptor
                if (at + 10 > bytes.length) return;
                checkDimensions(u16(bytes, at + 5), u16(bytes, at + 7), source);
                int flags = bytes[at + 9] & 0xff;
                at += 10;
                if ((flags & 0x80) != 0) at += 3 << ((flags & 7) + 1); // local colour table
                at = skipSubBlocks(bytes, at + 1); // after the LZW code size
            } else {
                return; // the trailer, or something the decoder will judge
            }
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    /** The offset after a run of size-prefixed sub-blocks ending in a zero size, or past the end. */
    private static int skipSubBlocks(byte[] b, int at) {
        while (at < b.length) {
            int size = b[at] & 0xff;
            at += 1 + size;
            if (size == 0) return at;
        }
        return b.length;
    }

    private BufferedImage decodeJpeg(byte[] bytes, String source) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) throw new ImageDecodeException(source, "cannot decode JPEG image: this JDK has no JPEG reader", null);
        ImageReader reader = readers.next();
        // A memory-backed stream: ImageIO.createImageInputStream might cache to disk, and its
        // cache switch is global state we must not touch.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            checkDimensions(reader.getWidth(0), reader.getHeight(0), source);
            return withSrgbGray(reader.read(0, reader.getDefaultReadParam()));
        } finally {
            reader.dispose();
        }
    }

    /**
     * ImageIO puts a gray JPEG's stored values straight into a {@code TYPE_BYTE_GRAY} image, whose
     * samples Java defines as linear light, so {@code getRGB} would brighten mid-tones. Commons
     * Imaging follows Java's definition; to agree with it, copy the values into an RGB image.
     */
    private static BufferedImage withSrgbGray(BufferedImage image) {
        if (image == null || image.getType() != BufferedImage.TYPE_BYTE_GRAY) return image;
        int w = image.getWidth();
        BufferedImage rgb = new BufferedImage(w, image.getHeight(), BufferedImage.TYPE_INT_RGB);
        byte[] in = new byte[w];
        int[] out = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRaster().getDataElements(0, y, w, 1, in);
            for (int x = 0; x < w; x++) out[x] = (in[x] & 0xff) * 0x010101;
            rgb.getRaster().setDataElements(0, y, w, 1, out);
        }
        return rgb;
    }

    private void checkDimensions(int width, int height, String source) throws ImageDecodeException {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(source, "image has invalid dimensions " + width + " x " + height, null);
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new ImageDecodeException(source, "image is " + width + " x " + height
                    + " pixels, more than the limit of " + limits.maxPixels(), null);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The formats this decoder reads, recognised by their magic numbers. */
    private enum Format {
        PNG, BMP, GIF, TIFF, PNM, JPEG;

        static Format detect(byte[] b) {
            if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
            if (startsWith(b, 0xFF, 0xD8, 0xFF)) return JPEG;
            if (startsWith(b, 'G', 'I', 'F', '8')) return GIF;
            if (startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A)) return TIFF;
            if (startsWith(b, 'B', 'M') && b.length >= 26) return BMP;
            if (isPnmHeader(b)) return PNM;
            return null;
        }

        /** "P1".."P7", whitespace, then a digit, a comment or (PAM) a keyword: text that merely starts with "P5 " is not taken. */
        private static boolean isPnmHeader(byte[] b) {
            if (b.length < 4 || b[0] != 'P' || b[1] < '1' || b[1] > '7' || !isPnmSpace(b[2])) return false;
            int i = 3;
            while (i < b.length && isPnmSpace(b[i])) i++;
            if (i == b.length) return false;
            byte next = b[i];
            return (next >= '0' && next <= '9') || next == '#' || (b[1] == '7' && next >= 'A' && next <= 'Z');
        }

        private static boolean isPnmSpace(byte c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        }

        private static boolean startsWith(byte[] bytes, int... magic) {
            if (bytes.length < magic.length) return false;
            for (int i = 0; i < magic.length; i++) {
                if ((bytes[i] & 0xff) != magic[i]) return false;
            }
            return true;
        }
    }
}
