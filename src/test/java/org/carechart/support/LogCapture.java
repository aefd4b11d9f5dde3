package org.carechart.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the service logs while a test runs (the test shares the service's JVM and log
 * manager), to assert that the log stays quiet, or says a thing exactly once.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Records at ERROR (SEVERE) or above, as "logger: message". */
    public synchronized List<String> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogCapture::describe).toList();
    }

    /** Every record whose message or thrown exception mentions the text. */
    public synchronized List<String> mentioning(String text) {
        return records.stream().filter(r -> describe(r).contains(text)).map(LogCapture::describe).toList();
    }

    private static String describe(LogRecord r) {
        String message = r.getMessage() == null ? "" : r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
            try {
                message = String.format(message, r.getParameters());
            } catch (RuntimeException ignored) {
                message = message + " " + java.util.Arrays.toString(r.getParameters());
            }
        }
        String thrown = r.getThrown() == null ? "" : " " + r.getThrown();
        return r.getLoggerName() + ": " + message + thrown;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
