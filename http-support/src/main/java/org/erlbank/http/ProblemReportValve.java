package org.erlbank.http;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own answer to a request it refuses before any servlet sees it (a {@code %00} or a broken percent-encoding
 * in the path, say) as an RFC 9457 problem instead of its HTML error page. Installed as the host's error report valve
 * by {@link ErlbankHttpAutoConfiguration}.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var type = ProblemType.forStatus(status);
        var detail = status == 400 ? "The request line or its headers cannot be understood." : null;
        var json = type.json(status, detail);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response is committed after all: nothing more to say.
        }
    }
}
