package dev.postpurchase.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.postpurchase.deploy.DockerfileInstructions.Instruction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/Dockerfile, read as {@code docker build} reads it (there is no Docker engine to build it here):
 * what the people who run the image rely on.
 */
class DockerfileTests {

	static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

	static final Path DOCKERFILE = REPOSITORY.resolve("deploy/Dockerfile");

	/** The layers Spring Boot's layer index names, in the order an image should stack them (least changing first). */
	static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

	/** Shell variables a RUN sets itself: {@code for jar in ...}, {@code name=...}. */
	private static final Pattern SHELL_ASSIGNMENT = Pattern.compile("(?:\\bfor\\s+([A-Za-z_]\\w*)\\s+in\\b|(?:^|[\\s;&|(])([A-Za-z_]\\w*)=)");

	private static final Pattern ENV_ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(?:\"[^\"]*\"|\\S*)");

	private final DockerfileInstructions dockerfile = DockerfileInstructions.read(DOCKERFILE);

	@Test
	void theImageRunsAsAFixedUnprivilegedUser() {
		var user = this.dockerfile.image().last("USER");

		assertThat(user).as("the image's USER").isPresent();
		var uid = user.get().arguments().split(":")[0];
		// a number, so that Kubernetes' runAsNonRoot can check it without a passwd file
		assertThat(uid).as("USER " + user.get().arguments()).matches("[0-9]+");
		assertThat(Integer.parseInt(uid)).as("the image's uid").isNotZero();
	}

	@Test
	void theImageStacksTheFourSpringBootLayersExtractedInTheBuildStage() {
		var copies = this.dockerfile.image()
			.all("COPY")
			.stream()
			.filter(copy -> copy.arguments().startsWith("--from="))
			.toList();
		var sources = copies.stream().map(copy -> copy.arguments().split("\\s+")[1]).toList();

		assertThat(sources).as("what the image copies from the build stage, in order").hasSize(LAYERS.size());
		var from = copies.get(0).arguments().split("\\s+")[0].substring("--from=".length());
		var build = this.dockerfile.stage(from);
		assertThat(build).as("the stage '" + from + "'").isPresent();
		var extract = build.get()
			.all("RUN")
			.stream()
			.filter(run -> run.arguments().contains("-Djarmode=tools"))
			.findFirst();
		assertThat(extract).as("a RUN that extracts the layers with Spring Boot's tools jar mode").isPresent();
		var destination = Pattern.compile("extract --layers --launcher --destination (\\S+)").matcher(extract.get().arguments());
		assertThat(destination.find()).as(extract.get().arguments()).isTrue();
		assertThat(sources).containsExactlyElementsOf(LAYERS.stream().map(layer -> destination.group(1) + "/" + layer + "/").toList());
	}

	@Test
	void theImageChecksItsOwnHealthWithAToolItContains() {
		var healthcheck = this.dockerfile.image().last("HEALTHCHECK");

		assertThat(healthcheck).as("a HEALTHCHECK").isPresent();
		assertThat(healthcheck.get().arguments()).doesNotStartWith("NONE");
		var command = Pattern.compile("CMD \\[\"([^\"]+)\"").matcher(healthcheck.get().arguments());
		assertThat(command.find()).as(healthcheck.get().arguments()).isTrue();
		var tool = this.dockerfile.image()
			.all("COPY")
			.stream()
			.map(copy -> copy.arguments().split("\\s+"))
			.filter(words -> words[words.length - 1].endsWith("/" + command.group(1)))
			.findFirst();
		assertThat(tool).as("the COPY that puts " + command.group(1) + " into the image").isPresent();
		var script = REPOSITORY.resolve(tool.get()[tool.get().length - 2]);
		assertThat(script).isRegularFile();
		// the readiness group: the service is up and its Kafka and MongoDB are reachable
		assertThat(script).content().contains("/actuator/health/readiness");
	}

	@Test
	void theImageRunsTheProdProfileInAJvmSizedForItsContainerUnlessToldOtherwise() {
		var environment = String.join(" ", this.dockerfile.image().all("ENV").stream().map(Instruction::arguments).toList());

		// prod refuses to start with missing or development secrets
		assertThat(environment).contains("SPRING_PROFILES_ACTIVE=prod");
		// in the environment, not on java's command line, so that docker run -e and Kubernetes' env replace them
		assertThat(environment).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=[0-9]+")
			.containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:\\+ExitOnOutOfMemoryError");
		assertThat(this.dockerfile.image().last("ENTRYPOINT")).hasValueSatisfying(entrypoint -> assertThat(
				entrypoint.arguments()).contains("org.springframework.boot.loader.launch.JarLauncher").doesNotContain("-XX:"));
	}

	@Test
	void everyVariableIsDeclaredBeforeItsStageUsesIt() {
		var problems = new ArrayList<String>();
		var globals = new HashSet<String>();
		this.dockerfile.globalArguments().forEach(arg -> globals.addAll(DockerfileInstructions.declaredArguments(arg)));
		for (var stage : this.dockerfile.stages()) {
			undeclared(stage.image(), globals).forEach(name -> problems.add("FROM " + stage.image() + ": $" + name));
			var declared = new HashSet<String>();
			for (var instruction : stage.instructions()) {
				var known = new HashSet<>(declared);
				if (instruction.keyword().equals("RUN")) {
					var assignments = SHELL_ASSIGNMENT.matcher(instruction.arguments());
					while (assignments.find()) {
						known.add(assignments.group(1) != null ? assignments.group(1) : assignments.group(2));
					}
				}
				if (!instruction.arguments().startsWith("[")) { // exec form: nothing is substituted
					undeclared(instruction.arguments(), known)
						.forEach(name -> problems.add(instruction.keyword() + " " + instruction.arguments() + ": $" + name));
				}
				declared.addAll(declarations(instruction));
			}
		}

		assertThat(problems).as("variables used without an ARG or ENV before them in their stage").isEmpty();
	}

	@Test
	void baseImagesArePinnedToAVersion() {
		var stageNames = this.dockerfile.stages().stream().map(DockerfileInstructions.Stage::name).toList();
		var images = this.dockerfile.stages()
			.stream()
			.map(DockerfileInstructions.Stage::image)
			.filter(image -> !stageNames.contains(image))
			.toList();

		assertThat(images).isNotEmpty()
			.allSatisfy(image -> assertThat(image).as("a base image")
				.matches("[a-z0-9./_-]+(:[0-9]+(\\.[0-9]+)+[A-Za-z0-9._-]*)?(@sha256:[0-9a-f]{64})?")
				.containsAnyOf(":", "@sha256:"));
	}

	private static Set<String> undeclared(String text, Set<String> declared) {
		var names = new HashSet<String>();
		var variables = VARIABLE.matcher(text);
		while (variables.find()) {
			if (!declared.contains(variables.group(1))) {
				names.add(variables.group(1));
			}
		}
		return names;
	}

	private static List<String> declarations(Instruction instruction) {
		return switch (instruction.keyword()) {
			case "ARG" -> DockerfileInstructions.declaredArguments(instruction);
			case "ENV" -> {
				var names = new ArrayList<String>();
				var assignments = ENV_ASSIGNMENT.matcher(instruction.arguments());
				while (assignments.find()) {
					names.add(assignments.group(1));
				}
				yield names;
			}
			default -> List.of();
		};
	}

}
