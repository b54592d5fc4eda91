package org.heshell.remote;

/** A failure reaching or using a machine over SSH, as one line: what, why, what to do. */
public class RemoteException extends RuntimeException {
    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
