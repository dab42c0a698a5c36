package dev.engram.cloud;

/**
 * A validated push entry on its way into storage; {@code payloadJson} is the payload exactly as the
 * client sent it and {@code payloadDigest} its {@link PayloadDigest}.
 */
record NewMutation(String mutationId, String project, String entity, String entityKey, String op, String payloadJson,
                   String payloadDigest) {

    /** An entry whose digest is computed from {@code payloadJson}. */
    static NewMutation of(String mutationId, String project, String entity, String entityKey, String op, String payloadJson) {
        return new NewMutation(mutationId, project, entity, entityKey, op, payloadJson, PayloadDigest.of(payloadJson));
    }
}
