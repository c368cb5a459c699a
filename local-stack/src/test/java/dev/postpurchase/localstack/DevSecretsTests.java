package dev.postpurchase.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DevSecretsTests {

	@TempDir
	Path dir;

	@Test
	void generatesARandomSecretOnFirstStartAndWritesItOwnerOnly() throws Exception {
		var file = this.dir.resolve(".local-stack/secrets.json");

		var secrets = DevSecrets.loadOrCreate(file, Map.of());

		// 32 bytes, base64url without padding
		assertThat(secrets.get("shopifyWebhookSecret")).matches("[A-Za-z0-9_-]{43}");
		assertThat(secrets.get("customerLinkSecret")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(secrets.get("shopifyWebhookSecret"));
		assertThat(Files.readString(file)).contains("\"shopifyWebhookSecret\"", secrets.get("shopifyWebhookSecret"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void reusesTheStoredSecretOnLaterStarts() throws Exception {
		var file = this.dir.resolve("secrets.json");
		var first = DevSecrets.loadOrCreate(file, Map.of());
		var modified = Files.getLastModifiedTime(file);

		var second = DevSecrets.loadOrCreate(file, Map.of());

		assertThat(second).isEqualTo(first);
		assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
	}

	@Test
	void generatesDifferentSecretsForDifferentStacks() {
		var one = DevSecrets.loadOrCreate(this.dir.resolve("one.json"), Map.of());
		var other = DevSecrets.loadOrCreate(this.dir.resolve("other.json"), Map.of());

		assertThat(one.get("shopifyWebhookSecret")).isNotEqualTo(other.get("shopifyWebhookSecret"));
	}

	@Test
	void environmentVariableOverridesAndIsKeptForLaterStarts() {
		var file = this.dir.resolve("secrets.json");
		DevSecrets.loadOrCreate(file, Map.of());

		var overridden = DevSecrets.loadOrCreate(file, Map.of("SHOPIFY_WEBHOOK_SECRET", "from-env"));
		var later = DevSecrets.loadOrCreate(file, Map.of());

		assertThat(overridden).containsEntry("shopifyWebhookSecret", "from-env");
		assertThat(later).containsEntry("shopifyWebhookSecret", "from-env");
	}

	@Test
	void blankEnvironmentVariableDoesNotOverride() {
		var file = this.dir.resolve("secrets.json");
		var generated = DevSecrets.loadOrCreate(file, Map.of());

		assertThat(DevSecrets.loadOrCreate(file, Map.of("SHOPIFY_WEBHOOK_SECRET", " "))).isEqualTo(generated);
	}

	@Test
	void keepsEntriesItDoesNotKnow() throws Exception {
		var file = this.dir.resolve("secrets.json");
		Files.writeString(file, "{\"shopifyWebhookSecret\":\"stored\",\"somethingNewer\":\"kept\"}");

		var secrets = DevSecrets.loadOrCreate(file, Map.of("SHOPIFY_WEBHOOK_SECRET", "from-env"));

		assertThat(secrets).containsEntry("shopifyWebhookSecret", "from-env");
		assertThat(Files.readString(file)).contains("\"somethingNewer\"", "\"kept\"", "from-env");
	}

	@Test
	void rejectsAFileThatIsNotAJsonObjectOfStrings() throws Exception {
		var file = this.dir.resolve("secrets.json");
		Files.writeString(file, "not json");

		assertThatIllegalStateException().isThrownBy(() -> DevSecrets.loadOrCreate(file, Map.of()))
			.withMessageContaining("fix or delete it");
	}

	@Test
	void mapsSecretsToTheServicesProperties() {
		var values = new java.util.HashMap<String, String>();
		values.put("shopifyWebhookSecret", "s3cret");
		values.put("aftershipWebhookSecret", "4ft3r");
		values.put("customerLinkSecret", "l1nk");
		values.put("twilioAccountSid", "AC1");
		values.put("twilioAuthToken", "tw1");
		values.put("whatsappPhoneNumberId", "123");
		values.put("whatsappAccessToken", "wa1");
		values.put("whatsappAppSecret", "app1");
		values.put("whatsappVerifyToken", "verify1");
		values.put("engagementSecret", "eng1");
		values.put("stripeSecretKey", "sk_test_1");

		var expected = new java.util.HashMap<String, String>();
		expected.put("orders.shopify.webhook-secret", "s3cret");
		expected.put("tracking.aftership.webhook-secret", "4ft3r");
		// the customer link signing key: its id goes with it
		expected.put("postpurchase.security.customer-links.keys[0].id", "dev-1");
		expected.put("postpurchase.security.customer-links.keys[0].secret", "l1nk");
		expected.put("notifications.sms.account-sid", "AC1");
		expected.put("notifications.sms.auth-token", "tw1");
		expected.put("notifications.whatsapp.phone-number-id", "123");
		expected.put("notifications.whatsapp.access-token", "wa1");
		expected.put("notifications.whatsapp.app-secret", "app1");
		expected.put("notifications.whatsapp.verify-token", "verify1");
		expected.put("notifications.engagement.secret", "eng1");
		expected.put("returns.payments.secret-key", "sk_test_1");
		assertThat(DevSecrets.asProperties(values)).containsExactlyInAnyOrderEntriesOf(expected);
	}

	@Test
	void generatesProviderIdsInTheProvidersFormats() {
		var secrets = DevSecrets.loadOrCreate(this.dir.resolve("secrets.json"), Map.of());

		assertThat(secrets.get("twilioAccountSid")).matches("AC[0-9a-f]{32}");
		assertThat(secrets.get("twilioAuthToken")).matches("[0-9a-f]{32}");
		assertThat(secrets.get("whatsappPhoneNumberId")).matches("[1-9][0-9]{14}");
		assertThat(secrets.get("whatsappAppSecret")).matches("[0-9a-f]{32}");
		assertThat(secrets.get("stripeSecretKey")).matches("sk_test_[0-9a-f]{48}");
		// secrets the services require to be at least 32 characters in production
		assertThat(secrets.get("whatsappAccessToken")).hasSizeGreaterThanOrEqualTo(32);
		assertThat(secrets.get("whatsappVerifyToken")).hasSizeGreaterThanOrEqualTo(32);
		assertThat(secrets.get("engagementSecret")).hasSizeGreaterThanOrEqualTo(32);
	}

	@Test
	void providerCredentialsCanComeFromTheEnvironment() {
		var secrets = DevSecrets.loadOrCreate(this.dir.resolve("secrets.json"),
				Map.of("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef", "WHATSAPP_APP_SECRET", "from-env"));

		assertThat(secrets).containsEntry("twilioAccountSid", "AC0123456789abcdef0123456789abcdef")
			.containsEntry("whatsappAppSecret", "from-env");
	}

	@Test
	void customerLinkSecretCanComeFromTheEnvironment() {
		var secrets = DevSecrets.loadOrCreate(this.dir.resolve("secrets.json"), Map.of("CUSTOMER_LINK_SECRET", "from-env"));

		assertThat(secrets).containsEntry("customerLinkSecret", "from-env");
	}
}
