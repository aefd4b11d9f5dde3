package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record ReadState(long lastSeq, long readUpTo, long unreadCount) {
}
