package dev.sluice.cloudevent;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;

/**
 * A CloudEvent being read from a binary-mode message of any protocol: attributes from headers (HTTP
 * {@code ce-id}, AMQP {@code cloudEvents_id}), {@code datacontenttype} from the content type, data from the body.
 * Problems are reported at the header, the content type or {@code body}, as the sender wrote them. Not
 * thread-safe.
 */
final class BinaryModeEvent {

    private final String attributePrefix;
    private final String contentTypeHeader;
    private final ObjectNode event = JsonNodeFactory.instance.objectNode();
    private final List<FlowProblem> problems = new ArrayList<>();

    /** @param attributePrefix how the protocol prefixes attribute headers; @param contentTypeHeader its name */
    BinaryModeEvent(String attributePrefix, String contentTypeHeader) {
        this.attributePrefix = attributePrefix;
        this.contentTypeHeader = contentTypeHeader;
    }

    /** Whether {@code header} names an attribute that may be sent as a header; a problem at it when not. */
    boolean accepts(String header, String attribute) {
        if (attribute.equals("datacontenttype")) {
            problem(header, "must not be sent in binary mode: the " + contentTypeHeader + " is the event's "
                    + "datacontenttype");
        } else if (attribute.equals("data")) {
            problem(header, "cannot be an attribute: in binary mode the body is the event's data");
        } else if (!CloudEventRules.isAttributeName(attribute)) {
            problem(header, "does not name a valid attribute: CloudEvents attribute names are lower-case letters "
                    + "a-z and digits 0-9 only");
        } else {
            return true;
        }
        return false;
    }

    ObjectNode attributes() {
        return event;
    }

    void problem(String header, String message) {
        problems.add(new FlowProblem(header, message));
    }

    boolean hasAttributesOrProblems() {
        return !event.isEmpty() || !problems.isEmpty();
    }

    /** The event with its content type and body, checked by {@link CloudEventRules}. */
    CloudEventReading finish(String contentType, byte[] body) {
        if (contentType != null && !contentType.isBlank()) {
            event.put("datacontenttype", contentType.trim());
        }
        Problems found = new Problems();
        Problems warnings = new Problems();
        BinaryData.put(event, contentType, body, found.at("body"), warnings.at("body"));
        CloudEventRules.check(event, found, warnings);
        found.all().forEach(problem -> problems.add(asSent(problem)));
        List<FlowProblem> warned = warnings.all().stream().map(this::asSent).toList();
        return problems.isEmpty() ? new CloudEventReading(List.of(inUsualOrder()), List.of(), warned)
                : CloudEventReading.refused(problems, warned);
    }

    /** The required attributes first, as events are usually written; headers come in no meaningful order. */
    private ObjectNode inUsualOrder() {
        ObjectNode ordered = event.objectNode();
        for (String attribute : new String[] {"specversion", "id", "source", "type"}) {
            ordered.set(attribute, event.get(attribute));
        }
        ordered.setAll(event);
        return ordered;
    }

    /** {@code $.id} → {@code ce-id}, {@code $.datacontenttype} → {@code Content-Type}, data → {@code body}. */
    private FlowProblem asSent(FlowProblem problem) {
        String path = problem.path();
        if (path.startsWith("$body")) {
            return new FlowProblem("body", problem.message());
        }
        String attribute = path.startsWith("$.") ? path.substring(2) : path;
        return switch (attribute) {
            case "datacontenttype" -> new FlowProblem(contentTypeHeader, problem.message());
            case "data", "data_base64" -> new FlowProblem("body", problem.message());
            default -> new FlowProblem(attributePrefix + attribute, problem.message());
        };
    }
}
