package dev.sluice.base.ui;

/**
 * A view that needs the window's width, as the flow editor does for its canvas: the navigation drawer folds away
 * while it shows, and unfolds again on leaving it unless the user folded it themselves.
 */
public interface NeedsWidth {
}
