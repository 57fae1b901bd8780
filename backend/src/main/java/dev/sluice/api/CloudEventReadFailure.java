package dev.sluice.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cloudevents.rw.CloudEventRWException;

/**
 * Why the CloudEvents SDK could not read an event, in words for the caller. The SDK's and Jackson's own messages
 * name Java types and parser internals, so they are never passed on.
 */
final class CloudEventReadFailure {

    /** Attribute names are lower-case letters and digits, so quoting one back is safe. */
    private static final Pattern ATTRIBUTE = Pattern.compile("for \"([a-z0-9]{1,20})\"");

    private CloudEventReadFailure() {
    }

    static String describe(Throwable failure) {
        CloudEventRWException rw = find(failure);
        if (rw == null) {
            return "it cannot be read as a CloudEvent 1.0 (check that data_base64 is Base64 and that the attributes "
                    + "have their types)";
        }
        String attribute = attribute(failure);
        String which = attribute == null ? "an attribute" : "the attribute '" + attribute + "'";
        return switch (rw.getKind()) {
            case INVALID_SPEC_VERSION -> "the specversion is not 1.0";
            case INVALID_ATTRIBUTE_NAME, INVALID_EXTENSION_NAME -> which + " has an invalid name (lower-case letters and digits, at most 20)";
            case INVALID_ATTRIBUTE_TYPE -> which + " has the wrong type (a string, or for "
                    + "extensions a string, number or boolean)";
            case INVALID_ATTRIBUTE_VALUE -> which + " has an invalid value (time is an RFC 3339 timestamp such as "
                    + "2026-01-31T12:00:00Z; source and dataschema are URI references)";
            case INVALID_DATA_TYPE, DATA_CONVERSION -> "its data cannot be read (data_base64 must be Base64)";
            case UNKNOWN_ENCODING -> "the content type names no CloudEvents mode";
            default -> "it cannot be read as a CloudEvent 1.0";
        };
    }

    /** The attribute the failure names, or null. */
    static String attribute(Throwable failure) {
        CloudEventRWException rw = find(failure);
        if (rw == null || rw.getMessage() == null) {
            return null;
        }
        Matcher matcher = ATTRIBUTE.matcher(rw.getMessage());
        return matcher.find() ? matcher.group(1) : null;
    }

    private static CloudEventRWException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CloudEventRWException rw) {
                return rw;
            }
        }
        return null;
    }
}
