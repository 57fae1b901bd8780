package dev.sluice.workspace;

/** A group rule was added ({@code added}) or removed; published in the changing transaction. */
public record GroupRuleChanged(GroupRule rule, boolean added, String by) {
}
