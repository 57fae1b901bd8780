package dev.sluice.template;

/** Marks the objects templates may call freely ({@code $json}, {@code $date}, {@code $mask}). */
public sealed interface Toolbox permits JsonTool, DateTool, MaskTool {
}
