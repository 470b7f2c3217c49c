package org.glyphocr.backend;

import org.glyphocr.nn.Parameters;

/**
 * Everything a {@link TrainingSession} needs to continue exactly where it was: its parameters and
 * its momentum velocity (per layer, shaped like the weights and biases). Used by checkpoints.
 *
 * @param parameters the weights and biases
 * @param velocityWeights per layer, {@code fanIn × units}; owned by this record once passed in
 * @param velocityBiases per layer, {@code units}
 */
public record SessionState(Parameters parameters, float[][] velocityWeights, float[][] velocityBiases) {
    public SessionState {
        int layers = parameters.architecture().layerCount();
        if (velocityWeights.length != layers || velocityBiases.length != layers) {
            throw new IllegalArgumentException("velocity has " + velocityWeights.length + " layers, parameters " + layers);
        }
        for (int l = 0; l < layers; l++) {
            int units = parameters.architecture().layers().get(l).units();
            if (velocityWeights[l].length != parameters.architecture().fanIn(l) * units || velocityBiases[l].length != units) {
                throw new IllegalArgumentException("velocity of layer " + (l + 1) + " does not match its weights");
            }
        }
    }
}
