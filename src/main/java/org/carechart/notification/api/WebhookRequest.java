package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A webhook subscription.
 *
 * @param url   https, to a public address (checked on every address the host resolves to)
 * @param kinds event kinds to receive, e.g. {@code entry.added}; empty or absent means all
 */
@RegisterForReflection
public record WebhookRequest(@NotBlank @Size(max = 2000) String url, @Size(max = 20) List<String> kinds) {
}
