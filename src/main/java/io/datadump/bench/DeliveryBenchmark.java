package io.datadump.bench;

import io.datadump.App;
import io.datadump.delivery.Destination;
import io.datadump.delivery.Destinations;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import io.datadump.formats.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code bench --delivery}: a whole account's dump (every table, scale = contacts / 1,000) as JSON and CSV delivered
 * into an SFTP server (Apache MINA SSHD, started here) and, given {@code --s3-endpoint}, an S3-compatible server
 * (s3proxy in scripts/delivery-bench.sh), against the same bytes copied by OpenSSH's own {@code sftp} client to the
 * same server and put by the AWS SDK's own PutObject, one file after the other. The conversions are made before
 * anything is timed: this measures delivery, not conversion. Each repetition writes into a fresh folder. Target: each
 * delivery within 1.5 times its baseline.
 */
public final class DeliveryBenchmark {
    /** The bucket the S3 variants write into (created if missing). */
    public static final String BUCKET = "bench-delivery";

    private final App app;
    private final PrintStream out;

    public DeliveryBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    /** S3 settings of the optional S3 part: endpoint, access key and secret key of a bucket server. */
    public record S3Server(String endpoint, String accessKey, String secretKey) {}

    public void run(int contacts, int reps, Optional<S3Server> s3) throws Exception {
        long account = new DumpBenchmark(app, out).prepareAllTables(contacts);
        DumpResult dump = app.engine().dump(account, RunTrigger.BENCH, DumpEvents.NONE);
        app.representations().precompute(dump.run(), List.of(Format.CSV));
        app.deliveries().start("bench");
        Path work = Files.createTempDirectory("delivery-bench");
        Path root = Files.createDirectories(work.resolve("sftp-root"));
        KeyPair clientKey = ecKey();
        SshServer sftp = sftpServer(root, clientKey, work);
        Path keyFile = work.resolve("client_key");
        writePrivateKey(clientKey, keyFile);
        String fingerprint = KeyUtils.getFingerPrint(
                BuiltinDigests.sha256,
                sftp.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
        S3Client client = s3.map(DeliveryBenchmark::client).orElse(null);
        if (client != null
                && client.listBuckets().buckets().stream()
                        .noneMatch(b -> b.name().equals(BUCKET))) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
        try {
            // one delivery not timed: warms the JIT, and its tree is what the baselines copy
            Destination warm = sftpDestination(account, "warm", sftp.getPort(), fingerprint, "warm");
            long bytes = deliver(warm, dump);
            Path staged = work.resolve("staged");
            copyTree(root.resolve("warm"), staged);
            List<Path> files = files(staged);
            out.printf(
                    "account %d: %,d rows in %d tables (dump %d); delivered as json and csv: %d files, %,d bytes%n%n",
                    account,
                    dump.rows(),
                    dump.manifest().tables().size(),
                    dump.run().id(),
                    files.size(),
                    bytes);

            AtomicInteger rep = new AtomicInteger();
            VariantTimer timer = new VariantTimer(out);
            timer.add(
                    "a sftp (OpenSSH)",
                    () -> VariantTimer.Outcome.of(openSshSftp(
                            staged, files, "sftp-" + rep.incrementAndGet(), sftp.getPort(), keyFile, work)));
            timer.add(
                    "b datadump -> SFTP",
                    () -> VariantTimer.Outcome.of(deliver(
                            sftpDestination(
                                    account,
                                    "s" + rep.incrementAndGet(),
                                    sftp.getPort(),
                                    fingerprint,
                                    "ours-" + rep.get()),
                            dump)));
            if (client != null) {
                timer.add(
                        "c AWS SDK PutObject",
                        () -> VariantTimer.Outcome.of(sdkPut(client, staged, files, "sdk-" + rep.incrementAndGet())));
                timer.add(
                        "d datadump -> S3",
                        () -> VariantTimer.Outcome.of(
                                deliver(s3Destination(account, s3.get(), "o" + rep.incrementAndGet()), dump)));
            }
            timer.run(reps);
            timer.print(dump.rows());
            out.printf(
                    "%nratios (medians): SFTP datadump/sftp = %.2f (target <= 1.5)%s%n",
                    timer.median("b datadump -> SFTP") / timer.median("a sftp (OpenSSH)"),
                    client == null
                            ? "   (no --s3-endpoint: S3 not measured)"
                            : String.format(
                                    "   S3 datadump/PutObject = %.2f (target <= 1.5)",
                                    timer.median("d datadump -> S3") / timer.median("c AWS SDK PutObject")));
        } finally {
            if (client != null) client.close();
            sftp.stop(true);
            deleteTree(work);
        }
    }

    private long deliver(Destination d, DumpResult dump) throws Exception {
        app.deliveries().queue(d, dump.run().id());
        Destinations.Delivery delivery = app.deliveries()
                .awaitOutcome(d, dump.run().id(), Duration.ofMinutes(30))
                .orElseThrow();
        if (!delivery.status().equals("delivered")) {
            throw new IllegalStateException("the delivery to " + d.name() + " ended " + delivery.status() + ": "
                    + delivery.error().orElse(""));
        }
        return delivery.bytes().orElse(0L);
    }

    private Destination sftpDestination(long account, String name, int port, String fingerprint, String dir) {
        return app.destinations()
                .add(
                        account,
                        new Destinations.NewDestination(
                                name,
                                new Destination.Sftp(
                                        "127.0.0.1", port, "bench", fingerprint, dir, Destination.SftpAuth.PASSWORD),
                                "bench-password",
                                List.of(Format.JSON, Format.CSV),
                                false,
                                List.of(),
                                Optional.empty()));
    }

    private Destination s3Destination(long account, S3Server s3, String name) {
        return app.destinations()
                .add(
                        account,
                        new Destinations.NewDestination(
                                name,
                                new Destination.S3(
                                        Optional.of(s3.endpoint()), "us-east-1", BUCKET, name, true, s3.accessKey()),
                                s3.secretKey(),
                                List.of(Format.JSON, Format.CSV),
                                false,
                                List.of(),
                                Optional.empty()));
    }

    /** OpenSSH's sftp client in batch mode: the folders, then every file, one after the other. */
    private static long openSshSftp(Path staged, List<Path> files, String into, int port, Path key, Path work)
            throws Exception {
        StringBuilder batch = new StringBuilder("-mkdir " + into + "\n");
        List<String> dirs = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            Path rel = staged.relativize(f);
            for (Path p = rel.getParent(); p != null; p = p.getParent()) {
                if (!dirs.contains(p.toString())) dirs.add(p.toString());
            }
            bytes += Files.size(f);
        }
        dirs.sort((a, b) -> Integer.compare(a.length(), b.length()));
        for (String d : dirs)
            batch.append("-mkdir ").append(into).append('/').append(d).append('\n');
        for (Path f : files) {
            batch.append("put ")
                    .append(f)
                    .append(' ')
                    .append(into)
                    .append('/')
                    .append(staged.relativize(f))
                    .append('\n');
        }
        Path batchFile = work.resolve(into + ".batch");
        Files.writeString(batchFile, batch);
        Process p = new ProcessBuilder(
                        "sftp",
                        "-q",
                        "-b",
                        batchFile.toString(),
                        "-P",
                        Integer.toString(port),
                        "-i",
                        key.toString(),
                        "-o",
                        "IdentitiesOnly=yes",
                        "-o",
                        "StrictHostKeyChecking=no",
                        "-o",
                        "UserKnownHostsFile=/dev/null",
                        "-o",
                        "LogLevel=ERROR",
                        "bench@127.0.0.1")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("sftp failed: " + output);
        }
        return bytes;
    }

    private static long sdkPut(S3Client client, Path staged, List<Path> files, String prefix) throws IOException {
        long bytes = 0;
        for (Path f : files) {
            String key = prefix + "/" + staged.relativize(f);
            client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromFile(f));
            bytes += Files.size(f);
        }
        return bytes;
    }

    private static S3Client client(S3Server s3) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(s3.endpoint()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }

    private static SshServer sftpServer(Path root, KeyPair clientKey, Path work) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(work.resolve("host.ser"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, password, session) -> "bench-password".equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.start();
        return server;
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        return ec.generateKeyPair();
    }

    private static void writePrivateKey(KeyPair key, Path file) throws Exception {
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "bench", null, pem);
        Files.write(file, pem.toByteArray());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (Path f : files(from)) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p :
                    s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }
}
