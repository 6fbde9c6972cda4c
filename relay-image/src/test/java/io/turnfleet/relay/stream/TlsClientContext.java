package io.turnfleet.relay.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS connections of the test clients. The relay's certificates are self-signed and change during a
 * test, so the client accepts any certificate and the tests inspect which one was presented.
 */
final class TlsClientContext {
    private static final SSLContext CONTEXT = acceptingAnyCertificate();

    private TlsClientContext() {
    }

    /**
     * Connects and completes the handshake.
     *
     * @param protocols TLS versions to offer, e.g. "TLSv1.2"
     * @param alpn ALPN protocols to offer; none = no ALPN extension
     */
    static SSLSocket connect(InetSocketAddress relay, String[] protocols, String... alpn) throws IOException {
        SSLSocket socket = (SSLSocket) CONTEXT.getSocketFactory().createSocket(relay.getAddress(), relay.getPort());
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(protocols);
        if (alpn.length > 0) {
            parameters.setApplicationProtocols(alpn);
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** Connects offering one TLS version and only the given cipher suites. */
    static SSLSocket connectWithSuites(InetSocketAddress relay, String protocol, String... suites)
            throws IOException {
        SSLSocket socket = (SSLSocket) CONTEXT.getSocketFactory().createSocket(relay.getAddress(), relay.getPort());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setEnabledCipherSuites(suites);
        socket.startHandshake();
        return socket;
    }

    static SSLSocket connect(InetSocketAddress relay) throws IOException {
        return connect(relay, new String[] {"TLSv1.3", "TLSv1.2"});
    }

    static X509Certificate presentedCertificate(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    private static SSLContext acceptingAnyCertificate() {
        TrustManager acceptAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has TLS", e);
        }
    }
}
