package org.carechart.oauth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/** RFC 7662 introspection: an inactive or unknown token is only {@code {"active": false}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(requiredProperties = {"active"})
public record Introspection(boolean active, String scope, @JsonProperty("client_id") String clientId, Long exp, Long iat,
                            String sub, String iss, UUID patient, @JsonProperty("token_type") String tokenType) {

    public static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null, null, null);
}
