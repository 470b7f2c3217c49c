/** The CPU backend: float32 dense layers with EJML matrix products; always available. */
package org.glyphocr.backend.cpu;
