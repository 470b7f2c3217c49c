/** The CPU backend: float32 dense layers with plain-Java matrix products; always available. */
package org.glyphocr.backend.cpu;
