package dev.sluice.privacy;

/** Someone looked at a source's recent events (how many; never what they hold). */
public record RecentEventsViewed(String source, String owner, int events, String by) {
}
