/**
 * The mathematics of the multilayer perceptron: {@link org.glyphocr.nn.Architecture},
 * {@link org.glyphocr.nn.Activation}, {@link org.glyphocr.nn.Loss}, immutable
 * {@link org.glyphocr.nn.Parameters} and a plain double-precision
 * {@link org.glyphocr.nn.ReferenceNetwork} that backends are tested against. Depends only on the JDK;
 * the backends in {@code org.glyphocr.backend} implement this math on real hardware.
 */
package org.glyphocr.nn;
