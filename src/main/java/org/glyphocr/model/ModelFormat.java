package org.glyphocr.model;

/**
 * Constants of the {@code .gocr} model file format, version 1.1. The full description is in
 * {@code src/site/markdown/model-format.md}; in short, all integers little-endian:
 *
 * <pre>
 * offset  size  field
 *      0     8  magic: 89 47 4F 43 52 0D 0A 1A ("\x89GOCR\r\n\x1a", catches text-mode mangling)
 *      8     2  major version (1): readers reject other majors
 *     10     2  minor version (1): additions that older readers may ignore
 *     12     4  header length H in bytes
 *     16     8  weights length P in bytes (4 × number of floats)
 *     24     H  header: UTF-8 JSON (alphabet, layers, loss, preprocessing, provenance, calibration)
 *   24+H     P  weights: per layer, W (fanIn × units, row-major) then b, float32
 * 24+H+P     4  CRC-32C of every byte before it
 * </pre>
 */
public final class ModelFormat {
    private ModelFormat() {
    }

    /** The first eight bytes of every model file; a copy, since arrays cannot be made read-only. */
    static byte[] magic() {
        return new byte[] {(byte) 0x89, 'G', 'O', 'C', 'R', '\r', '\n', 0x1A};
    }
    public static final int MAJOR_VERSION = 1;
    public static final int MINOR_VERSION = 1;
    static final int PREAMBLE_BYTES = 24;
    static final int CHECKSUM_BYTES = 4;
    /** The conventional file extension. */
    public static final String EXTENSION = ".gocr";
    /** Refuse headers larger than this: real ones are a few kilobytes. */
    static final int MAX_HEADER_BYTES = 16 << 20;
    /** Refuse models larger than this when reading from a stream (2 GiB is the array limit anyway). */
    static final long MAX_FILE_BYTES = 1L << 30;
}
