package io.joule;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "Joule API", version = "0.1.0",
        description = "Energy and utility time series: readings in, 15-minute kWh out. JSON is snake_case; "
                + "every error is RFC 9457 application/problem+json.",
        license = @License(name = "Apache 2.0")))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: Authorization: Bearer <key>")
public class JouleApplication extends Application {
}
