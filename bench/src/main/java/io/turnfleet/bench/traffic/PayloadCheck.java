package io.turnfleet.bench.traffic;

/** What {@link Payload#check} found. */
public enum PayloadCheck {
    /** Magic, checksum and filler all match: the bytes are exactly what some allocation sent. */
    VALID,
    /** Our magic number, but the checksum or filler does not match: bytes changed in transit. */
    CORRUPT,
    /** Not a payload this generator wrote. */
    FOREIGN
}
