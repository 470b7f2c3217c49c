package org.glyphocr.image;

/** Which way round ink and paper are in an image. */
public enum Polarity {
    /**
     * Decide per image: the background is the luminance that dominates the image border; if the
     * border is split, the larger side of an Otsu split of the whole image. Ink is what differs.
     */
    AUTO,
    /** Dark ink on light paper, as in scans and photos of handwriting. */
    DARK_ON_LIGHT,
    /** Light ink on a dark background, as in MNIST and chalkboards. */
    LIGHT_ON_DARK
}
