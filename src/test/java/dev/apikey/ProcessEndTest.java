package dev.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessEndTest {
    private final List<Integer> exits = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void releaseThreads() throws InterruptedException {
        release.countDown();
        for (Thread t : started) {
            t.join();
        }
    }

    private Thread waiting(boolean daemon) {
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(daemon);
        t.start();
        started.add(t);
        return t;
    }

    private ProcessEnd endWith(Thread... alive) {
        List<Thread> threads = new ArrayList<>(List.of(alive));
        threads.add(Thread.currentThread());
        return new ProcessEnd(exits::add, () -> threads);
    }

    @Test
    void aZeroCodeWithOnlyDaemonThreadsLeftReturnsFromMain() {
        endWith(waiting(true)).end(0);
        assertThat(exits).isEmpty();
    }

    @Test
    void aCodeOtherThanZeroExitsWithIt() {
        endWith().end(3);
        assertThat(exits).containsExactly(3);
    }

    @Test
    void aNonDaemonThreadLeftAliveMakesEvenZeroExitRatherThanKeepTheProcess() {
        endWith(waiting(true), waiting(false)).end(0);
        assertThat(exits).containsExactly(0);
    }

    @Test
    void aThreadThatHasEndedKeepsNothing() throws InterruptedException {
        Thread done = new Thread(() -> { });
        done.start();
        done.join();
        endWith(done).end(0);
        assertThat(exits).isEmpty();
    }

    @Test
    void theLiveThreadsAreEveryThreadOfTheJvm() {
        Thread daemon = waiting(true);
        Thread other = waiting(false);
        assertThat(ProcessEnd.liveThreads()).contains(Thread.currentThread(), daemon, other);
    }
}
