package dev.fanout.ops.cluster;

/** An operator-facing failure: the message is printed as is, without a stack trace. */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }
}
