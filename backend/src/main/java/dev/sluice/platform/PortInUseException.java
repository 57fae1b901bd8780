package dev.sluice.platform;

/**
 * A port Sluice must listen on (the embedded broker's) is taken, most likely by another Sluice on this machine.
 * Starting anyway would mean talking to that process instead of our own, so start-up stops here.
 */
public class PortInUseException extends RuntimeException {

    private final String setting;

    public PortInUseException(String service, String address, String setting, Throwable cause) {
        super(service + " cannot listen on " + address + ": the port is in use by another process (another Sluice?)",
                cause);
        this.setting = setting;
    }

    /** The configuration setting that picks the port. */
    public String setting() {
        return setting;
    }
}
