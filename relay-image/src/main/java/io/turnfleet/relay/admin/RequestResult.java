package io.turnfleet.relay.admin;

/**
 * The {@code result} label of {@code turnfleet_requests_total}: "success", one of the error codes the
 * relay is known to send (RFC 8489 §14.8, RFC 8656 §19, RFC 6062 §6.3), or "other". Labels are fixed
 * so that every series exists from the start and counting never builds a label at runtime.
 */
final class RequestResult {

    /** Error codes with a series of their own; any other code counts as "other". */
    private static final int[] KNOWN_CODES = {
        300, 400, 401, 403, 420, 437, 438, 440, 441, 442, 443, 446, 447, 486, 500, 508
    };

    static final int SUCCESS = 0;
    static final int OTHER = KNOWN_CODES.length + 1;
    static final int COUNT = KNOWN_CODES.length + 2;

    /** Error codes are 300..699 (RFC 8489 §14.8); the table covers them all. */
    private static final int MIN_CODE = 300;
    private static final int MAX_CODE = 699;
    private static final byte[] INDEX_BY_CODE = new byte[MAX_CODE - MIN_CODE + 1];

    static {
        java.util.Arrays.fill(INDEX_BY_CODE, (byte) OTHER);
        for (int i = 0; i < KNOWN_CODES.length; i++) {
            INDEX_BY_CODE[KNOWN_CODES[i] - MIN_CODE] = (byte) (i + 1);
        }
    }

    private RequestResult() {
    }

    /** Index of the series for a result code: 0 = success, an error code, or anything else = other. */
    static int index(int resultCode) {
        if (resultCode == 0) {
            return SUCCESS;
        }
        if (resultCode < MIN_CODE || resultCode > MAX_CODE) {
            return OTHER;
        }
        return INDEX_BY_CODE[resultCode - MIN_CODE];
    }

    /** Label value of the series at {@code index}. */
    static String label(int index) {
        if (index == SUCCESS) {
            return "success";
        }
        if (index == OTHER) {
            return "other";
        }
        return Integer.toString(KNOWN_CODES[index - 1]);
    }
}
