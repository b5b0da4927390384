package io.leadstream.scoring.model;

/** A trained model and how it did on the outcomes held out from its training. */
public record Training(TrainedModel model, ModelQuality quality, int trainingSize, int heldOutSize) {
}
