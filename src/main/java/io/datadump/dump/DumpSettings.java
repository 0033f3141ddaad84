package io.datadump.dump;

/** How dumps are written: gzip or plain JSON (and the gzip level), and how many published dumps an account keeps. */
public record DumpSettings(boolean gzip, int gzipLevel, int retention) {}
