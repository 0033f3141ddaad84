package io.datadump.support;

import io.datadump.storage.StorageSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: s3proxy from Maven Central with its filesystem backend, run as its own process
 * (its classpath is resolved once with Maven from src/test/s3proxy/pom.xml into target/s3proxy.classpath).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "datadump-access";
    public static final String SECRET_KEY = "datadump-secret-key";
    private final Process process;
    private final int port;
    private final Path workDir;

    private S3ProxyServer(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
    }

    public static S3ProxyServer start(String... buckets) throws Exception {
        Path classpathFile = Path.of("target", "s3proxy.classpath").toAbsolutePath();
        if (!Files.exists(classpathFile)) {
            Process mvn = new ProcessBuilder(
                            "mvn",
                            "-q",
                            "-B",
                            "-f",
                            "src/test/s3proxy/pom.xml",
                            "dependency:build-classpath",
                            "-Dmdep.outputFile=" + classpathFile)
                    .inheritIO()
                    .start();
            if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0)
                throw new IllegalStateException("could not resolve s3proxy");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path workDir = Files.createTempDirectory("s3proxy");
        Path data = Files.createDirectory(workDir.resolve("data"));
        Path props = workDir.resolve("s3proxy.properties");
        Files.writeString(
                props,
                String.join(
                                "\n",
                                "s3proxy.endpoint=http://127.0.0.1:" + port,
                                "s3proxy.authorization=aws-v2-or-v4",
                                "s3proxy.identity=" + ACCESS_KEY,
                                "s3proxy.credential=" + SECRET_KEY,
                                "jclouds.provider=filesystem",
                                "jclouds.filesystem.basedir=" + data)
                        + "\n");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dlogback.configurationFile="
                                + Path.of("src/test/s3proxy/logback.xml").toAbsolutePath(),
                        "-cp",
                        Files.readString(classpathFile).trim(),
                        "org.gaul.s3proxy.Main",
                        "--properties",
                        props.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("s3proxy.log").toFile())
                .start();
        S3ProxyServer server = new S3ProxyServer(p, port, workDir);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                break;
            } catch (IOException e) {
                if (System.nanoTime() > end || !p.isAlive()) {
                    server.close();
                    throw new IllegalStateException("s3proxy did not start", e);
                }
                Thread.sleep(200);
            }
        }
        try (S3Client client = server.client()) {
            for (String bucket : buckets) client.createBucket(b -> b.bucket(bucket));
        }
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                // s3proxy answers 501 to the checksum headers newer SDKs send by default
                .requestChecksumCalculation(
                        software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(
                        software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** The DATADUMP_* settings that point datadump at this server. */
    /** Storage settings for this server's {@code bucket}, as a test constructs {@code S3Storage} itself. */
    public StorageSettings.S3 settings(String bucket, String prefix, int partSize, long deltaMinBytes) {
        return new StorageSettings.S3(
                bucket,
                prefix,
                Optional.of(endpoint()),
                "us-east-1",
                Optional.of(ACCESS_KEY),
                Optional.of(SECRET_KEY),
                true,
                partSize,
                deltaMinBytes);
    }

    public Map<String, String> env(String bucket, String prefix) {
        return Map.of(
                "DATADUMP_STORAGE",
                "s3://" + bucket + "/" + prefix,
                "DATADUMP_S3_ENDPOINT",
                endpoint(),
                "DATADUMP_S3_ACCESS_KEY",
                ACCESS_KEY,
                "DATADUMP_S3_SECRET_KEY",
                SECRET_KEY,
                "DATADUMP_S3_PATH_STYLE",
                "true");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TestDatabases.deleteDirectory(workDir);
    }
}
