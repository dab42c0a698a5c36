package dev.engram.bench;

import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import dev.engram.config.CloudSettings;
import dev.engram.config.CloudSettingsFile;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An idle, healthy {@code engram serve} with autosync: CPU used (from /proc, user + system) and the
 * INFO lines it writes over a window, after start-up has settled; also its resident memory.
 *
 * <pre>bench/run dev.engram.bench.IdleBench [minutes]</pre>
 */
public final class IdleBench {
    private IdleBench() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Path dir = Files.createTempDirectory("engram-idle");
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0)
                .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("cloud.db").toString())))) {
            String token = server.tokens().create("bench", List.of("bench")).token();
            Path data = dir.resolve("replica");
            CloudSettingsFile.write(data, new CloudSettings(server.baseUri(), token, true));
            try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
                store.enroll("bench");
                store.save(NewObservation.of("bench", "idle", "one observation to sync first"));
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = dir.resolve("serve.log");
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main",
                    "--log-format", "json", "--data-dir", data.toString(), "serve", "--port", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                PropagationBench.awaitHealth(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), port);
                Thread.sleep(Duration.ofSeconds(20).toMillis()); // first cycle, JIT warm-up
                long linesBefore = infoLines(log);
                long cpuBefore = cpuTicks(p.pid());
                long t0 = System.nanoTime();
                Thread.sleep((long) (minutes * 60_000));
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (cpuTicks(p.pid()) - cpuBefore) / 100.0; // USER_HZ = 100 on Linux
                System.out.printf("idle serve with autosync over %.1f min: CPU %.2f s = %.3f%% of one core; INFO lines %d; RSS %d MB%n",
                        wall / 60, cpu, 100 * cpu / wall, infoLines(log) - linesBefore, rssMb(p.pid()));
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
    }

    static long infoLines(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.contains("\"level\":\"INFO\"")).count();
    }

    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    static long rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }
}
