/**
 * The contract between the network's math and the hardware that runs it: {@link
 * org.glyphocr.backend.Backend} (inference through thread-safe {@link org.glyphocr.backend.Predictor}s,
 * training through {@link org.glyphocr.backend.TrainingSession}s), found through {@link
 * org.glyphocr.backend.Backends}. Implementations live in sub-packages and are loaded with
 * {@link java.util.ServiceLoader}. Public signatures never mention EJML or JCuda types.
 */
package org.glyphocr.backend;
