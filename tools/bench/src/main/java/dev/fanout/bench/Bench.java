package dev.fanout.bench;

/** ./fanout bench (being written). */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        System.out.println("./fanout bench: not written yet");
    }
}
