package io.datadump.delivery;

import org.apache.sshd.common.SshException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Tells, for a failed delivery, whether trying again can help, and says what failed without a stack trace. */
final class DeliveryFailures {
    private DeliveryFailures() {}

    static boolean permanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeliveryException d) return d.permanent();
            if (t instanceof S3Exception s3) {
                int status = s3.statusCode();
                if (s3.awsErrorDetails() != null
                        && "RequestTimeout".equals(s3.awsErrorDetails().errorCode())) {
                    return false;
                }
                // refused credentials or rights, a missing bucket: the same request gets the same answer
                return status == 400 || status == 401 || status == 403 || status == 404;
            }
            if (t == t.getCause()) break;
        }
        return false;
    }

    /** One line: the delivery's own message, with the storage server's error code where it gave one. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeliveryException) return t.getMessage();
            if (t instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
                return "the S3 server answered " + s3.statusCode() + " "
                        + s3.awsErrorDetails().errorCode() + ": "
                        + s3.awsErrorDetails().errorMessage();
            }
            if (t instanceof SshException && t.getMessage() != null) return "SSH: " + t.getMessage();
            if (t == t.getCause()) break;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
