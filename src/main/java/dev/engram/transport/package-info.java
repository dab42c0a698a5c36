/**
 * The client side of the wire: the {@link dev.engram.transport.SyncTransport} seam the sync engine talks
 * through, its request and response records, and {@link dev.engram.transport.FailureClassifier}, the one
 * place that turns a failed exchange into a {@link dev.engram.transport.ReasonCode}. {@link dev.engram.transport.HttpSyncTransport} is the real client. Depends on {@code base} and {@code logging}.
 */
package dev.engram.transport;
