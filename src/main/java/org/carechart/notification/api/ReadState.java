package org.carechart.notification.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(requiredProperties = {"lastSeq", "readUpTo", "unreadCount"})
public record ReadState(long lastSeq, long readUpTo, long unreadCount) {
}
