package dev.sluice.template;

/** JSON text made by {@code $json.quote}: inserted as it is, never escaped again. */
public record JsonLiteral(String json) {

    @Override
    public String toString() {
        return json;
    }
}
