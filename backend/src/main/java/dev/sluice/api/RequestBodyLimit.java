package dev.sluice.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The most a request body of the API may hold ({@code sluice.api.max-body-size}, 16 MiB): 413 at once for a
 * larger declared Content-Length, and 413 as soon as a chunked body passes it, so nobody makes the server buffer
 * more. Calls may set lower limits of their own (ingest: {@code sluice.ingest.max-bytes}).
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            // the container would otherwise read (swallow) the unread body to keep the connection alive
            response.setHeader(HttpHeaders.CONNECTION, "close");
            ApiErrorResponses.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(maxBytes));
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    static String tooLarge(long maxBytes) {
        String limit = maxBytes % (1L << 20) == 0 ? (maxBytes >> 20) + " MiB"
                : maxBytes % 1024 == 0 ? (maxBytes >> 10) + " KiB" : maxBytes + " bytes";
        return "the request body is larger than " + limit + ", the most the API accepts";
    }

    /** Thrown while reading past the limit; answered with 413 by {@link ApiFailures}. */
    static final class TooLarge extends RuntimeException {

        private final long maxBytes;

        TooLarge(long maxBytes) {
            super(tooLarge(maxBytes));
            this.maxBytes = maxBytes;
        }

        long maxBytes() {
            return maxBytes;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new Counting(super.getInputStream(), maxBytes);
            }
            return counted;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        Counting(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
