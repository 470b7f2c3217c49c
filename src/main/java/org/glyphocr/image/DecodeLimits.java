package org.glyphocr.image;

/**
 * Upper bounds that an {@link ImageDecoder} enforces before it allocates pixels, so that a hostile or
 * broken file (a 100000×100000 header, a gigabyte upload) fails fast with an
 * {@link ImageDecodeException} instead of exhausting memory.
 *
 * @param maxPixels the largest {@code width * height} accepted, {@code >= 1}; default 40 000 000
 *     (about 160 MB as 32-bit ARGB)
 * @param maxFileBytes the largest encoded size accepted, in bytes, {@code 1..MAX_FILE_BYTES};
 *     default 64 MiB
 * @param maxFrames the most frames (GIF) or pages (TIFF) a file may hold, {@code >= 1}; default
 *     1,000. Only the first is decoded, but reading a file's structure walks them all
 */
public record DecodeLimits(long maxPixels, long maxFileBytes, int maxFrames) {
    /** The largest {@code maxFileBytes} possible: files are read into one array. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    /** The default {@code maxFrames}. */
    public static final int DEFAULT_MAX_FRAMES = 1_000;

    /** 40 000 000 pixels, 64 MiB and 1,000 frames. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(40_000_000L, 64L * 1024 * 1024, DEFAULT_MAX_FRAMES);

    /**
     * @throws IllegalArgumentException if a limit is below 1 or {@code maxFileBytes} exceeds
     *     {@link #MAX_FILE_BYTES}
     */
    public DecodeLimits {
        if (maxFrames < 1) throw new IllegalArgumentException("maxFrames must be >= 1, was " + maxFrames);
        if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be >= 1, was " + maxPixels);
        if (maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("maxFileBytes must be within 1.." + MAX_FILE_BYTES + ", was " + maxFileBytes);
        }
    }

    /** These pixel and size limits, with the default {@link #DEFAULT_MAX_FRAMES}. */
    public DecodeLimits(long maxPixels, long maxFileBytes) {
        this(maxPixels, maxFileBytes, DEFAULT_MAX_FRAMES);
    }
}
