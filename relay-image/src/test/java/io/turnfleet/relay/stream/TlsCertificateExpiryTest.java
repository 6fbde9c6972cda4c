package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.net.TlsContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCertificateExpiryTest {

    @Test
    void expiryIsTheNotAfterOfTheCertificateInServiceAndFollowsARenewal(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        TestCertificate first = TestCertificate.generate("relay.example");
        first.writeTo(cert, key);
        TlsContext tls = TlsContext.load(cert, key);
        assertThat(tls.notAfterEpochSeconds()).isEqualTo(first.certificate().getNotAfter().getTime() / 1000);

        TestCertificate renewed = TestCertificate.generateRsa("relay.example");
        renewed.writeTo(cert, key);
        Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(tls.refresh()).isTrue();
        assertThat(tls.notAfterEpochSeconds()).isEqualTo(renewed.certificate().getNotAfter().getTime() / 1000);
    }
}
