package org.carechart.fhir.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.carechart.fhir.api.Resources.Resource;

import java.util.List;

/** A searchset Bundle: one page of matches (mode match) and what they include (mode include). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection(ignoreNested = false)
public record Bundle(String resourceType, String id, Fhir.Meta meta, String type, Integer total, List<Link> link,
                     List<Entry> entry) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String relation, String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Search(String mode) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entry(String fullUrl, Resource resource, Search search) {
    }
}
