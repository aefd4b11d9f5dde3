package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "One chart entry as a share link shows it")
public record SharedEntry(UUID id, String category,
                          @Schema(description = "code system URI, e.g. http://loinc.org") String codeSystem,
                          String code, String display, String status, Instant effectiveAt, String value, String unit,
                          String interpretation) {
}
