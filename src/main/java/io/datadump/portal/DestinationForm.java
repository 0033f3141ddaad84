package io.datadump.portal;

import io.datadump.delivery.Destination;
import io.datadump.delivery.Destinations;
import io.datadump.formats.Format;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The portal's "add a destination" form, read into what {@link Destinations#add} takes. */
final class DestinationForm {
    /** The fields echoed back after a refused add: everything but the secrets. */
    private static final List<String> ECHOED = List.of(
            "name",
            "kind",
            "endpoint",
            "region",
            "bucket",
            "prefix",
            "access_key",
            "host",
            "port",
            "user",
            "host_key",
            "directory",
            "auth",
            "keep_days",
            "tables");

    private DestinationForm() {}

    static Destinations.NewDestination read(Context ctx) {
        String kind = field(ctx, "kind");
        Destination.Target target;
        String secret;
        if (kind.equals("s3")) {
            String endpoint = field(ctx, "endpoint");
            target = new Destination.S3(
                    endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint),
                    field(ctx, "region").isEmpty() ? "us-east-1" : field(ctx, "region"),
                    field(ctx, "bucket"),
                    field(ctx, "prefix"),
                    ctx.formParam("path_style") != null,
                    field(ctx, "access_key"));
            secret = raw(ctx, "secret_key");
        } else if (kind.equals("sftp")) {
            String port = field(ctx, "port");
            if (!port.isEmpty() && !port.matches("\\d{1,5}")) {
                throw new IllegalArgumentException("an SFTP port is from 1 to 65535, not '" + port + "'");
            }
            boolean byKey = "private_key".equals(field(ctx, "auth"));
            target = new Destination.Sftp(
                    field(ctx, "host"),
                    port.isEmpty() ? 22 : Integer.parseInt(port),
                    field(ctx, "user"),
                    field(ctx, "host_key"),
                    field(ctx, "directory"),
                    byKey ? Destination.SftpAuth.PRIVATE_KEY : Destination.SftpAuth.PASSWORD);
            secret = byKey ? raw(ctx, "private_key") : raw(ctx, "password");
        } else {
            throw new IllegalArgumentException("choose S3 or SFTP");
        }
        List<Format> formats = ctx.formParams("formats").stream()
                .map(f -> Format.parse(f).orElseThrow(() -> new IllegalArgumentException("unknown format " + f)))
                .toList();
        String tables = field(ctx, "tables");
        String keep = field(ctx, "keep_days");
        if (!keep.isEmpty() && !keep.matches("\\d{1,4}")) {
            throw new IllegalArgumentException("keep days must be from 1 to 3650, not '" + keep + "'");
        }
        return new Destinations.NewDestination(
                field(ctx, "name"),
                target,
                secret,
                formats,
                ctx.formParam("gzip") != null,
                tables.isEmpty() ? List.of() : List.of(tables.split("\\s*,\\s*")),
                keep.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(keep)));
    }

    static Map<String, String> echo(Context ctx) {
        Map<String, String> form = new HashMap<>();
        for (String f : ECHOED) form.put(f, field(ctx, f));
        return form;
    }

    private static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }

    /** A secret as typed (a private key keeps its line breaks); blank is none. */
    private static String raw(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null || v.isBlank() ? "" : v.replace("\r\n", "\n");
    }
}
