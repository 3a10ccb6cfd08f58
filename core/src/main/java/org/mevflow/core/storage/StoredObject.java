package org.mevflow.core.storage;

import java.time.Instant;

/** What a backend knows of a stored object. */
public record StoredObject(
    ObjectRef ref, long size, String contentType, String contentEncoding, Instant lastModified) {}
