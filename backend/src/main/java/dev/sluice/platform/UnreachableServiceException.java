package dev.sluice.platform;

/** A service Sluice was configured to use (database, broker) did not answer at start-up. */
public class UnreachableServiceException extends RuntimeException {

    private final String service;
    private final String address;
    private final String setting;

    public UnreachableServiceException(String service, String address, String setting, Throwable cause) {
        super(service + " at " + address + " is unreachable: " + rootMessage(cause), cause);
        this.service = service;
        this.address = address;
        this.setting = setting;
    }

    public String service() {
        return service;
    }

    public String address() {
        return address;
    }

    /** The configuration setting that names the address, for the operator to check. */
    public String setting() {
        return setting;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
