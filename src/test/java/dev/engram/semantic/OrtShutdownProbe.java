package dev.engram.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run as its own JVM by {@link OrtGateProcessTest}: keeps a thread inside ONNX Runtime (loading the model
 * again and again, or embedding again and again) and, once a call is in the runtime, sends SIGTERM to its
 * own process. The process must then exit with 143 like any stopped JVM, never with a crash.
 *
 * <p>Usage: {@code OrtShutdownProbe load|embed [DELAY_MS]}: the signal goes DELAY_MS after the first call entered.
 */
public final class OrtShutdownProbe {
    private static final int WORKERS = 3;

    private OrtShutdownProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean embed = args.length > 0 && args[0].equals("embed");
        Embedder loaded = embed ? OnnxEmbedder.load(ShippedModel.SPEC, 1) : null;
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable work = () -> {
            try {
                while (!stopping.get()) {
                    if (embed) {
                        loaded.embedPassage("an observation about write-ahead logging, long enough to keep the model busy a while "
                                .repeat(8));
                    } else {
                        OnnxEmbedder.load(ShippedModel.SPEC, 1); // each load leaves a session behind: the process is short-lived
                    }
                }
            } catch (OrtGate.ClosedException exiting) {
                // the gate closed: the process is exiting
            }
        };
        // Several threads in the runtime at once: more of them are in a fragile step when the signal comes.
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(Thread.ofPlatform().daemon(true).name("probe-worker-" + i).start(work));
        }
        // Like serve's hook: stop the worker and wait for its call to end. The JVM runs this hook and the
        // runtime's own at the same time, and stays alive while this one waits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                for (Thread worker : workers) {
                    worker.join(TimeUnit.SECONDS.toMillis(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (OrtGate.inFlight() == 0) {
            if (System.nanoTime() > deadline || workers.stream().noneMatch(Thread::isAlive)) {
                System.err.println("probe: no call entered the runtime");
                System.exit(3);
            }
            Thread.onSpinWait();
        }
        long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Thread.sleep(delayMs);
        System.out.println("probe: a call is in the runtime; sending SIGTERM");
        System.out.flush();
        new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
        Thread.sleep(TimeUnit.SECONDS.toMillis(60)); // the signal ends the process
        System.err.println("probe: still running a minute after SIGTERM");
        System.exit(4);
    }
}
