package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import tools.jackson.databind.json.JsonMapper;

/** Writes the stack's secret files (secrets, tokens): readable by the owner only, never half-written. */
final class PrivateFiles {

	private PrivateFiles() {
	}

	/** Writes the value as pretty-printed JSON, replacing the file atomically. */
	static void writeJson(Path file, Object value) {
		try {
			Files.createDirectories(file.getParent());
			var temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				// owner-only before anything secret is written into it
				Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValue(temporary, value);
			// a crash while writing must not leave a half-written file behind
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}
}
