package org.heshell.lab;

/** An operation the lab's Manager refuses, with the HTTP status and the validation message the real engine uses. */
public final class LabFault extends RuntimeException {
    private final int httpStatus;

    LabFault(int httpStatus, String detail) {
        super(detail, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    static LabFault notFound(String what) {
        return new LabFault(404, what + " not found");
    }

    static LabFault conflict(String detail) {
        return new LabFault(409, detail);
    }
}
