package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A slice of the caller's inbox in ascending sequence order.
 *
 * @param lastSeq     the newest sequence number of the inbox (0 when empty)
 * @param readUpTo    the sequence number marked read
 * @param unreadCount events after {@code readUpTo}
 * @param hasMore     whether more entries follow: ask again with {@code after} = {@code nextAfter}
 * @param nextAfter   the sequence number this slice read up to
 */
@RegisterForReflection
public record InboxPage(List<NotificationView> items, long lastSeq, long readUpTo, long unreadCount, boolean hasMore,
                        long nextAfter) {
}
