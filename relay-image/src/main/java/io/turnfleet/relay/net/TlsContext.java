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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The server TLS context of tls:// listeners, built from --tls-cert and --tls-key and rebuilt when
 * either file changes (cert-manager renews them in place). Established connections keep the context
 * they started with; new ones get the current one. A pair that can't be used, such as a key that
 * doesn't belong to the certificate, is refused and the previous pair stays in service. TLS 1.2 and
 * 1.3 only, forward-secret AEAD suites, ALPN "stun.turn" (RFC 7443) offered but not required.
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
    private volatile long notAfterEpochSeconds;

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
        long notAfter;
        try {
            requireKeyOfCertificate(certBytes, keyBytes);
            notAfter = notAfterEpochSeconds(certBytes);
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
        } catch (SSLException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("--tls-cert " + certificate + " / --tls-key " + key
                    + ": not a usable PEM certificate chain and PKCS#8 key (" + e.getMessage() + ")", e);
        }
        fingerprint = current;
        notAfterEpochSeconds = notAfter;
        return true;
    }

    /** When the certificate in service (the first of the chain) expires, in seconds since the epoch. */
    public long notAfterEpochSeconds() {
        return notAfterEpochSeconds;
    }

    private static long notAfterEpochSeconds(byte[] certBytes) throws GeneralSecurityException {
        byte[] certificateDer = pemBlock(certBytes, "CERTIFICATE");
        if (certificateDer == null) {
            throw new CertificateException("no PEM CERTIFICATE block");
        }
        return ((X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificateDer))).getNotAfter().getTime() / 1000;
    }

    @Override
    public String summary() {
        return "TLS certificate " + certificate + " and key " + key + " loaded";
    }

    /** A handler without a handshake timer of its own: the event loop's sweep enforces the timeout. */
    SslHandler newHandler(ByteBufAllocator alloc) {
        SslHandler handler = context.newHandler(alloc);
        handler.setHandshakeTimeoutMillis(0);
        return handler;
    }

    /**
     * Refuses a key that does not belong to the first certificate of the chain. Such a pair builds a
     * context, but no client can verify its handshake signature (RFC 8446 §4.4.3, RFC 5246
     * §7.4.3), and it is what a reload sees when the files are read in the middle of a renewal.
     * Files without a PEM certificate or PKCS#8 key block are left to the context builder to refuse.
     */
    private static void requireKeyOfCertificate(byte[] certBytes, byte[] keyBytes) throws GeneralSecurityException {
        byte[] certificateDer = pemBlock(certBytes, "CERTIFICATE");
        byte[] keyDer = pemBlock(keyBytes, "PRIVATE KEY");
        if (certificateDer == null || keyDer == null) {
            return;
        }
        PublicKey publicKey = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificateDer)).getPublicKey();
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> publicKey.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(publicKey.getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(keyDer));
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyException("the key is not a " + publicKey.getAlgorithm()
                    + " key like the certificate's", e);
        }
        byte[] probe = "turnfleet key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new InvalidKeyException("the key does not belong to the first certificate");
        }
    }

    /** The DER bytes of the first PEM block of this type, or null. */
    private static byte[] pemBlock(byte[] pem, String type) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END " + type + "-----", start + 1);
        if (start < 0 || end < 0) {
            return null;
        }
        return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
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
