package io.turnfleet.credentials.caller;

/**
 * Who asked: the API key's name (its file name in the keys Secret) or the ServiceAccount's user name
 * from TokenReview ({@code system:serviceaccount:ns:name}). Never the key or token itself.
 */
public record Caller(String id) {
}
