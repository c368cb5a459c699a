package dev.postpurchase.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

/** How this JVM was started, so that service JVMs start from the same jar or class path. */
sealed interface Launcher {

	/** The Java arguments that run {@link LocalStack}'s main method in a new JVM. */
	List<String> javaArguments();

	/** {@code java -jar local-stack.jar}: a Spring Boot executable jar. */
	record ExecutableJar(Path jar) implements Launcher {

		@Override
		public List<String> javaArguments() {
			return List.of("-jar", this.jar.toString());
		}
	}

	/** Started from an IDE or a build tool, with a class path. */
	record ClassPath(String classPath) implements Launcher {

		@Override
		public List<String> javaArguments() {
			return List.of("-cp", this.classPath, LocalStack.class.getName());
		}
	}

	static Launcher current() {
		return of(System.getProperty("java.class.path"));
	}

	static Launcher of(String classPath) {
		var entries = classPath.split(File.pathSeparator);
		if (entries.length == 1 && entries[0].endsWith(".jar") && isExecutableJar(Path.of(entries[0]))) {
			return new ExecutableJar(Path.of(entries[0]).toAbsolutePath().normalize());
		}
		return new ClassPath(classPath);
	}

	private static boolean isExecutableJar(Path jar) {
		try (var file = new JarFile(jar.toFile())) {
			var manifest = file.getManifest();
			// Spring Boot's launcher names the real main class Start-Class
			return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}
}
