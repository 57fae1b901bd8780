package dev.sluice.privacy;

/**
 * A tagged source value as the guard follows it: where it is now and in what form.
 *
 * @param tag    the tag of the source field
 * @param source the tagged source path it came from
 * @param at     where it may be now (the whole subtree below counts)
 * @param mode   the mask mode it went through last, null while clear
 * @param hides  whether that mask hides a value of this tag
 */
record Taint(String tag, String source, FieldPath at, String mode, boolean hides) {

    static Taint clear(String tag, String source, FieldPath at) {
        return new Taint(tag, source, at, null, false);
    }

    Taint movedTo(FieldPath place) {
        return new Taint(tag, source, place, mode, hides);
    }

    /** After one more mask; a later, weaker mask of an already hidden value leaves it hidden. */
    Taint maskedBy(String newMode, boolean newHides) {
        if (hides && !newHides) {
            return this;
        }
        return new Taint(tag, source, at, newMode, newHides);
    }

    String form() {
        return mode == null ? "clear" : "masked-by " + mode;
    }
}
