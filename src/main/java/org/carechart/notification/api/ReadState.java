package org.carechart.notification.api;

public record ReadState(long lastSeq, long readUpTo, long unreadCount) {
}
