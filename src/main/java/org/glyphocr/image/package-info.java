/**
 * From image files to network inputs: decoding, finding the ink, and normalising it into a
 * {@link org.glyphocr.image.Glyph}, 20×20 values in {@code ±0.5} (ink {@code −0.5}, paper
 * {@code +0.5}). Depends on Apache Commons Imaging and the JDK only.
 *
 * <p>The pipeline, each step a public entry point:
 * <ol>
 *   <li>{@link org.glyphocr.image.ImageDecoder}: bytes to {@code BufferedImage}. PNG, BMP, GIF,
 *       TIFF and PNM through Commons Imaging, JPEG through ImageIO, recognised by content. The
 *       header's dimensions are checked against {@link org.glyphocr.image.DecodeLimits} before
 *       pixels are allocated; every failure is an {@link org.glyphocr.image.ImageDecodeException}
 *       naming the source.
 *   <li>{@link org.glyphocr.image.Preprocessor#extractInk}: luminance (alpha over white), the
 *       background found from the image border so that dark-on-light and light-on-dark look alike,
 *       ink intensity relative to the background and normalised so that pencil and marker look alike,
 *       an Otsu split into ink and paper, 8-connected components with speckles removed, and a crop
 *       to the ink: an {@link org.glyphocr.image.InkImage} of intensities in {@code [0, 1]}, or
 *       empty for a blank image.
 *   <li>Optional data augmentation, on the {@code InkImage} (package {@code org.glyphocr.augment}).
 *   <li>{@link org.glyphocr.image.Preprocessor#toGlyph}: deskew by shearing away the ink's slant,
 *       scale the longer side to {@code fitSize} with exact area averaging (so thin strokes in large
 *       scans keep their weight and small glyphs enlarge cleanly), and put the centre of mass at the
 *       frame centre without letting ink leave the frame.
 * </ol>
 *
 * <p>{@link org.glyphocr.image.PreprocessSettings} holds every choice as plain values so that a
 * model can store the settings it was trained with. All public types are immutable and
 * thread-safe.
 */
package org.glyphocr.image;
