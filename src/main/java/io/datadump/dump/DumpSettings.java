package io.datadump.dump;

/** How dumps are written (gzip or plain JSON, and the gzip level) and which published dumps an account keeps. */
public record DumpSettings(boolean gzip, int gzipLevel, RetentionPolicy retention) {}
