package dev.sluice.target;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which hosts and ports connections may reach. Loopback, link-local (cloud metadata services among them),
 * unspecified, multicast and broadcast addresses are refused unless a platform admin lists them; with
 * {@code onlyListed}, every host must be listed. A host name counts by every address it resolves to, so a
 * public name that points at 127.0.0.1 is refused like 127.0.0.1. Immutable and thread-safe.
 *
 * <p>Entries: a host name ({@code ledger-db.internal}), a domain ({@code *.corp.example}), an address or a CIDR
 * block ({@code 10.20.0.0/16}, {@code ::1}), each optionally with {@code :port} ({@code [::1]:5432} for IPv6).
 *
 * @param allowed    what a platform admin listed
 * @param onlyListed whether unlisted hosts are refused too
 */
public record HostPolicy(List<Entry> allowed, boolean onlyListed) {

    private static final Pattern NAME = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$");
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    /** Names whose only job is to answer a cloud instance's secrets; refused whatever they resolve to. */
    private static final List<String> METADATA_NAMES = List.of("metadata", "metadata.google.internal",
            "metadata.goog", "instance-data", "instance-data.ec2.internal");
    /** Metadata services outside the link-local range: Alibaba Cloud's and AWS's IPv6 one. */
    private static final List<String> METADATA_ADDRESSES = List.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

    public HostPolicy {
        allowed = List.copyOf(allowed);
    }

    /** Nothing listed: every host but the special ranges. */
    public static HostPolicy defaults() {
        return new HostPolicy(List.of(), false);
    }

    /** Parses entries as a platform admin writes them; every bad one is named. */
    public static HostPolicy of(List<String> entries, boolean onlyListed) {
        List<Entry> parsed = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                parsed.add(Entry.parse(entry.strip()));
            } catch (IllegalArgumentException e) {
                bad.add(e.getMessage());
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", bad));
        }
        return new HostPolicy(parsed, onlyListed);
    }

    /**
     * Why {@code host:port} may not be reached, or empty when it may. Resolves names (a blocking DNS lookup);
     * a name that does not resolve is refused, since it cannot be judged.
     */
    public Optional<String> refusal(String host, int port) {
        return refusal(host, port, false);
    }

    /**
     * Like {@link #refusal(String, int)}; with {@code unresolvedAllowed}, a name that does not resolve here passes
     * (a connection may be defined before its host is reachable from this instance; it is checked again at use).
     */
    public Optional<String> refusal(String host, int port, boolean unresolvedAllowed) {
        Optional<String> malformed = checkSyntax(host);
        if (malformed.isPresent()) {
            return malformed;
        }
        String name = normalize(host);
        if (METADATA_NAMES.contains(name)) {
            return Optional.of("'" + host + "' is a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = isLiteral(name) ? new InetAddress[]{InetAddress.ofLiteral(name)} : InetAddress.getAllByName(name);
        } catch (UnknownHostException | IllegalArgumentException e) {
            if (unresolvedAllowed && !onlyListed) {
                return Optional.empty();
            }
            if (unresolvedAllowed && allowed.stream().anyMatch(entry -> entry.name() != null
                    && entry.matches(name, null, port))) {
                return Optional.empty();
            }
            return Optional.of("the host '" + host + "' cannot be resolved");
        }
        for (InetAddress address : addresses) {
            boolean listed = allowed.stream().anyMatch(entry -> entry.matches(name, address, port));
            if (listed) {
                continue;
            }
            Optional<String> special = special(address);
            String shown = address.getHostAddress();
            String at = name.equals(shown) ? "'" + host + "'" : "'" + host + "' (" + shown + ")";
            if (special.isPresent()) {
                return Optional.of(at + " is " + special.get()
                        + "; a platform admin must add it to the connection allowlist");
            }
            if (onlyListed) {
                return Optional.of(at + " port " + port + " is not on the platform's connection allowlist");
            }
        }
        return Optional.empty();
    }

    /**
     * Syntax alone, without resolving: what validation can say about a host as typed. Refuses numeric forms
     * other than a plain dotted quad ({@code 2130706433}, {@code 0177.0.0.1}, {@code 127.1}, {@code 0x7f.0.0.1}):
     * resolvers disagree on what they mean.
     */
    public static Optional<String> checkSyntax(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("a host is required");
        }
        String name = normalize(host);
        if (name.contains(":")) {
            try {
                InetAddress.ofLiteral(name);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of("'" + host + "' is not a valid IPv6 address");
            }
        }
        if (looksNumeric(name)) {
            return DOTTED_QUAD.matcher(name).matches() ? Optional.empty()
                    : Optional.of("'" + host + "' is an unusual form of a numeric address: write it as a.b.c.d");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("'" + host + "' is not a valid host name");
        }
        return Optional.empty();
    }

    private static boolean looksNumeric(String name) {
        for (String part : name.split("\\.", -1)) {
            if (!part.matches("^(0x[0-9a-f]*|[0-9]+)$")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLiteral(String name) {
        return name.contains(":") || DOTTED_QUAD.matcher(name).matches();
    }

    static String normalize(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static Optional<String> special(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address (this machine)");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address (this machine)");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (where cloud metadata services live)");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address v4 && (v4.getAddress()[0] & 0xff) == 255) {
            return Optional.of("a broadcast address");
        }
        if (address instanceof Inet4Address v4 && (v4.getAddress()[0] & 0xff) == 0) {
            return Optional.of("in 0.0.0.0/8 (this network)");
        }
        if (METADATA_ADDRESSES.contains(address.getHostAddress())) {
            return Optional.of("a cloud metadata service");
        }
        if (address instanceof Inet6Address v6 && isMappedOrCompatibleV4(v6)) {
            return Optional.of("an IPv4 address written as IPv6");
        }
        return Optional.empty();
    }

    private static boolean isMappedOrCompatibleV4(Inet6Address address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
    }

    /**
     * One allowlist entry.
     *
     * @param text    as written
     * @param name    a host name, or a domain when it starts with {@code *.}; null for addresses
     * @param network an address or the start of a CIDR block; null for names
     * @param bits    the CIDR prefix length
     * @param port    the only port allowed, or null for any
     */
    public record Entry(String text, String name, InetAddress network, int bits, Integer port) {

        private static final Pattern FORM = Pattern.compile(
                "^(?:\\[(?<v6>[0-9a-fA-F:.]+)](?:/(?<bits6>\\d{1,3}))?|(?<host>[^:/\\s]+)(?:/(?<bits>\\d{1,2}))?"
                        + "|(?<bare6>[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)(?:/(?<bitsBare>\\d{1,3}))?)(?::(?<port>\\d{1,5}))?$");

        static Entry parse(String text) {
            Matcher form = FORM.matcher(text);
            if (!form.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a host, domain, address or CIDR block");
            }
            Integer port = form.group("port") == null ? null : Integer.valueOf(form.group("port"));
            if (form.group("bare6") != null && form.group("port") != null) {
                // "::1:5432" is ambiguous; the port form of IPv6 needs brackets
                throw new IllegalArgumentException("'" + text + "': write an IPv6 address with a port as [address]:port");
            }
            if (port != null && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("'" + text + "': a port is 1 to 65535");
            }
            String address = form.group("v6") != null ? form.group("v6")
                    : form.group("bare6") != null ? form.group("bare6") : form.group("host");
            String bitsText = form.group("bits6") != null ? form.group("bits6")
                    : form.group("bitsBare") != null ? form.group("bitsBare") : form.group("bits");
            String lower = address.toLowerCase(Locale.ROOT);
            if (lower.contains(":") || DOTTED_QUAD.matcher(lower).matches()) {
                InetAddress network;
                try {
                    network = InetAddress.ofLiteral(lower);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a valid address");
                }
                int max = network.getAddress().length * 8;
                int bits = bitsText == null ? max : Integer.parseInt(bitsText);
                if (bits > max) {
                    throw new IllegalArgumentException("'" + text + "': a prefix is at most /" + max);
                }
                return new Entry(text, null, network, bits, port);
            }
            if (bitsText != null) {
                throw new IllegalArgumentException("'" + text + "': only addresses take a /prefix");
            }
            String name = lower.startsWith("*.") ? lower.substring(2) : lower;
            if (checkSyntax(name).isPresent() || name.matches("^[0-9.]+$")) {
                throw new IllegalArgumentException("'" + text + "' is not a valid host name or address");
            }
            return new Entry(text, lower, null, 0, port);
        }

        boolean matches(String host, InetAddress address, int port) {
            if (this.port != null && this.port != port) {
                return false;
            }
            if (name != null) {
                return name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name);
            }
            if (address == null) {
                return false;
            }
            byte[] candidate = address.getAddress();
            byte[] block = network.getAddress();
            if (candidate.length != block.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != block[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (block[full] & mask);
        }
    }
}
