package io.turnfleet.relay.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.turnfleet.relay.auth.Reloadable;

import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The server TLS context of tls:// listeners, built from --tls-cert and --tls-key and rebuilt when
 * either file changes (cert-manager renews them in place). Established connections keep the context
 * they started with; new ones get the current one. TLS 1.2 and 1.3 only, forward-secret AEAD suites,
 * ALPN "stun.turn" (RFC 7443) offered but not required.
 */
public final class TlsContext implements Reloadable {
    static final String ALPN_STUN_TURN = "stun.turn";
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final Path certificate;
    private final Path key;
    private volatile SslContext context;
    private volatile byte[] fingerprint = new byte[0];

    private TlsContext(Path certificate, Path key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** Loads the files now; a certificate or key that can't be used is an error naming the file. */
    public static TlsContext load(Path certificate, Path key) throws IOException {
        TlsContext tls = new TlsContext(certificate, key);
        tls.refresh();
        return tls;
    }

    @Override
    public synchronized boolean refresh() throws IOException {
        byte[] certBytes = Files.readAllBytes(certificate);
        byte[] keyBytes = Files.readAllBytes(key);
        byte[] current = digest(certBytes, keyBytes);
        if (Arrays.equals(current, fingerprint)) {
            return false;
        }
        try {
            context = SslContextBuilder
                    .forServer(new ByteArrayInputStream(certBytes), new ByteArrayInputStream(keyBytes))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ALPN_STUN_TURN))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("--tls-cert " + certificate + " / --tls-key " + key
                    + ": not a usable PEM certificate chain and PKCS#8 key (" + e.getMessage() + ")", e);
        }
        fingerprint = current;
        return true;
    }

    @Override
    public String summary() {
        return "TLS certificate " + certificate + " and key " + key + " loaded";
    }

    SslHandler newHandler(ByteBufAllocator alloc, long handshakeTimeoutMillis) {
        SslHandler handler = context.newHandler(alloc);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    private static byte[] digest(byte[] certificate, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(certificate);
            sha.update(key);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
