import java.net.InetAddress;
import java.util.Enumeration;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Test harness: performs Jitsi Desktop's mDNS provisioning discovery step with the real JmDNS
 * that Jitsi embeds, and prints one JSON object. Written for this project's tests; the lookup
 * order, the name check and the URL assembly follow Jitsi's behaviour on purpose, since the
 * URL it prints is the judge our own resolver is compared with.
 *
 * Usage: java JitsiDiscovery <bind-address> [timeout-ms]
 */
public final class JitsiDiscovery {
    private static final String INSTANCE = "Provisioning URL";

    public static void main(String[] args) throws Exception {
        InetAddress bind = InetAddress.getByName(args[0]);
        int timeout = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long started = System.nanoTime();
        JmDNS jmdns = JmDNS.create(bind);
        long created = System.nanoTime();

        String type = "_https._tcp.local.";
        ServiceInfo info = jmdns.getServiceInfo(type, INSTANCE, timeout);
        if (info == null) {
            type = "_http._tcp.local.";
            info = jmdns.getServiceInfo(type, INSTANCE, timeout);
        }
        long resolved = System.nanoTime();

        StringBuilder json = new StringBuilder("{");
        boolean accepted = info != null && INSTANCE.equals(info.getName());
        field(json, "url", accepted ? jitsiUrl(info) : null);
        json.append(",\"elapsedMs\":").append((resolved - created) / 1_000_000.0);
        json.append(",\"startupMs\":").append((created - started) / 1_000_000.0);
        if (info != null) {
            describe(json, info, type);
        }
        json.append('}');
        System.out.println(json);
        System.out.flush();
        jmdns.close();
        System.exit(0);
    }

    /** The URL as Jitsi assembles it from JmDNS's service info. */
    private static String jitsiUrl(ServiceInfo info) {
        StringBuilder url = new StringBuilder(info.getURL(info.getApplication()));
        Enumeration<String> names = info.getPropertyNames();
        if (names.hasMoreElements()) {
            url.append('?');
        }
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.equals("path")) {
                continue;
            }
            url.append(name).append('=').append(info.getPropertyString(name));
            if (names.hasMoreElements()) {
                url.append('&');
            }
        }
        return url.toString();
    }

    private static void describe(StringBuilder json, ServiceInfo info, String type) {
        json.append(',');
        field(json, "type", type);
        json.append(',');
        field(json, "name", info.getName());
        json.append(',');
        field(json, "server", info.getServer());
        json.append(",\"port\":").append(info.getPort());
        json.append(",\"addresses\":[");
        String[] addresses = info.getHostAddresses();
        for (int i = 0; i < addresses.length; i++) {
            json.append(i == 0 ? "" : ",");
            string(json, addresses[i]);
        }
        json.append("],\"properties\":[");
        Enumeration<String> names = info.getPropertyNames();
        for (int i = 0; names.hasMoreElements(); i++) {
            String name = names.nextElement();
            json.append(i == 0 ? "[" : ",[");
            string(json, name);
            json.append(',');
            string(json, info.getPropertyString(name));
            json.append(']');
        }
        json.append(']');
    }

    private static void field(StringBuilder json, String name, String value) {
        string(json, name);
        json.append(':');
        string(json, value);
    }

    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
