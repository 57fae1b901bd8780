/**
 * The one place that renders Apache Velocity templates (STYLE.md 6): strings and the shipped library only, no
 * files, classes or reflection (an allowlist introspector), values JSON-escaped where they are placed, a small
 * toolbox ({@code $json}, {@code $date}, {@code $mask}), and a budget on time, loops and size per render.
 */
package dev.sluice.template;
