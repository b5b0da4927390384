package io.leadstream.nurture.templates;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.nurture.templates.company-name}: what templates show as {@code company.name}. */
@ConfigMapping(prefix = "leadstream.nurture.templates")
public interface TemplatesConfig {

    /** The company that sends (the suite's operator), as templates name it. */
    @WithDefault("Leadstream")
    String companyName();
}
