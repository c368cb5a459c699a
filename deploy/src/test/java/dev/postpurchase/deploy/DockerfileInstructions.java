package dev.postpurchase.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Dockerfile's instructions, stage by stage, as {@code docker build} reads them: comment lines dropped,
 * lines ending in a backslash joined. Enough to check what a user of the image relies on without a Docker
 * engine; heredocs are not supported (deploy/Dockerfile has none).
 *
 * @param globalArguments the {@code ARG}s before the first {@code FROM} (only {@code FROM} lines may use them)
 * @param stages the stages in order, the last one the image
 */
record DockerfileInstructions(List<Instruction> globalArguments, List<Stage> stages) {

	private static final Pattern FROM = Pattern.compile("(?i)(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?");

	/** One instruction: its keyword in upper case and the rest of its (joined) line. */
	record Instruction(String keyword, String arguments) {
	}

	/**
	 * @param image what {@code FROM} names: an image, or an earlier stage
	 * @param name its {@code AS} name, null when it has none
	 * @param instructions what follows its {@code FROM}
	 */
	record Stage(String image, String name, List<Instruction> instructions) {

		List<Instruction> all(String keyword) {
			return this.instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
		}

		Optional<Instruction> last(String keyword) {
			var matching = all(keyword);
			return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
		}
	}

	static DockerfileInstructions read(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var globals = new ArrayList<Instruction>();
		var stages = new ArrayList<Stage>();
		var logical = new StringBuilder();
		for (var line : lines) {
			if (line.strip().startsWith("#")) {
				continue; // a comment, also inside a continued instruction
			}
			if (line.endsWith("\\")) {
				logical.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			logical.append(line);
			var text = logical.toString().strip();
			logical.setLength(0);
			if (text.isEmpty()) {
				continue;
			}
			var parts = text.split("\\s+", 2);
			var instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : "");
			if (instruction.keyword().equals("FROM")) {
				var from = FROM.matcher(instruction.arguments());
				if (!from.matches()) {
					throw new IllegalArgumentException("Unreadable FROM: " + instruction.arguments());
				}
				stages.add(new Stage(from.group(1), from.group(2), new ArrayList<>()));
			}
			else if (stages.isEmpty()) {
				globals.add(instruction);
			}
			else {
				stages.get(stages.size() - 1).instructions().add(instruction);
			}
		}
		return new DockerfileInstructions(List.copyOf(globals), List.copyOf(stages));
	}

	/** The stage the image is made of. */
	Stage image() {
		return this.stages.get(this.stages.size() - 1);
	}

	Optional<Stage> stage(String name) {
		return this.stages.stream().filter(stage -> name.equals(stage.name())).findFirst();
	}

	/** The names an {@code ARG} instruction declares ({@code ARG A}, {@code ARG B=default}). */
	static List<String> declaredArguments(Instruction arg) {
		return Pattern.compile("\\s+").splitAsStream(arg.arguments()).map(declaration -> declaration.split("=", 2)[0]).toList();
	}

	/** Whether an {@code ARG} declares a default value. */
	static boolean hasDefault(Instruction arg) {
		return arg.arguments().contains("=");
	}

}
