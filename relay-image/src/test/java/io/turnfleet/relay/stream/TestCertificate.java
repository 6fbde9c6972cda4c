package io.turnfleet.relay.stream;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate made for one test run: an EC P-256 or RSA 2048 key in PKCS#8 and the
 * certificate, both PEM, as cert-manager mounts them ({@code tls.crt}, {@code tls.key}).
 */
final class TestCertificate {
    private final X509Certificate certificate;
    private final String certificatePem;
    private final String keyPem;

    private TestCertificate(X509Certificate certificate, String certificatePem, String keyPem) {
        this.certificate = certificate;
        this.certificatePem = certificatePem;
        this.keyPem = keyPem;
    }

    /** An EC P-256 certificate. */
    static TestCertificate generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return selfSigned(commonName, generator.generateKeyPair(), "SHA256withECDSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** An RSA 2048 certificate, cert-manager's default key. */
    static TestCertificate generateRsa(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return selfSigned(commonName, generator.generateKeyPair(), "SHA256withRSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static TestCertificate selfSigned(String commonName, KeyPair keys, String signatureAlgorithm) {
        try {
            Instant now = Instant.now();
            X500Principal subject = new X500Principal("CN=" + commonName);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                    subject, keys.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
            // The JDK encodes private keys as PKCS#8, the form --tls-key expects.
            return new TestCertificate(certificate, pem("CERTIFICATE", certificate.getEncoded()),
                    pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /**
     * Writes the certificate and key to {@code certFile} and {@code keyFile}, each replaced in one
     * rename so a reader never sees half a file.
     */
    void writeTo(Path certFile, Path keyFile) throws IOException {
        writeKeyTo(keyFile);
        writeCertificateTo(certFile);
    }

    void writeCertificateTo(Path certFile) throws IOException {
        replace(certFile, certificatePem);
    }

    void writeKeyTo(Path keyFile) throws IOException {
        replace(keyFile, keyPem);
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".writing", ".pem");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
