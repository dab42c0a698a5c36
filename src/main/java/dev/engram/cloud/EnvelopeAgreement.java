package dev.engram.cloud;

import dev.engram.protocol.ErrorDetail;
import dev.engram.protocol.ProjectNames;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Envelope and payload agree (contract 8.5): the project a token is authorized for and the key a
 * replica files the write under are the envelope's, so the payload must say the same, or a token
 * granted one project could write into another through the payload. An upsert's payload carries
 * {@code project} (equal to the envelope's once normalized) and its key ({@code sync_id} for an
 * observation or prompt, {@code id} for a session) equal to {@code entity_key}; a delete's
 * {@code sync_id} equals {@code entity_key}, and its {@code project}, when present, the envelope's.
 */
final class EnvelopeAgreement {
    private EnvelopeAgreement() {
    }

    /**
     * Adds a problem for each disagreement of entry {@code index}; call it only when the envelope's
     * {@code project}, {@code entity}, {@code entity_key} and {@code op} are valid and the payload is an object.
     */
    static void check(int index, String project, String entity, String entityKey, String op, JsonNode payload, List<ErrorDetail> problems) {
        boolean upsert = op.equals("upsert");
        String keyField = upsert && entity.equals("session") ? "id" : "sync_id";
        JsonNode key = payload.get(keyField);
        if (key != null && key.isString() && !key.stringValue().isBlank() && !key.stringValue().equals(entityKey)) {
            problems.add(ErrorDetail.atEntry(index, "payload." + keyField, "must equal entity_key '" + PushParser.echo(entityKey)
                    + "', was '" + PushParser.echo(key.stringValue()) + "'"));
        } else if (upsert && (key == null || !key.isString() || key.stringValue().isBlank())) {
            problems.add(ErrorDetail.atEntry(index, "payload." + keyField, "an upsert of a " + entity + " must carry " + keyField
                    + " equal to entity_key '" + PushParser.echo(entityKey) + "'"));
        }
        JsonNode payloadProject = payload.get("project");
        if (payloadProject == null || payloadProject.isNull()) {
            if (upsert) {
                problems.add(ErrorDetail.atEntry(index, "payload.project", "an upsert must carry project equal to the envelope's '"
                        + PushParser.echo(project) + "'"));
            }
        } else if (!payloadProject.isString() || !ProjectNames.normalize(payloadProject.stringValue()).equals(project)) {
            String was = payloadProject.isString() ? "'" + PushParser.echo(payloadProject.stringValue()) + "'" : "not a string";
            problems.add(ErrorDetail.atEntry(index, "payload.project", "must equal the envelope's project '" + PushParser.echo(project)
                    + "', was " + was));
        }
    }
}
