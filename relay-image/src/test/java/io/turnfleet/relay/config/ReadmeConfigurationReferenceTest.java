package io.turnfleet.relay.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeConfigurationReferenceTest {

    @Test
    void readmeConfigurationTableIsTheFlagTable() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        assertThat(text)
                .as("README.md's configuration reference must be RelayFlags.markdownTable(); regenerate it")
                .contains(RelayFlags.markdownTable());
    }
}
