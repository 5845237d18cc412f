package dev.deskloop.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the demo's simulators listen. */
@ConfigurationProperties("deskloop.demo")
public record DemoSettings(String simulatorHost, int simulatorPort) {

    public DemoSettings {
        if (simulatorHost == null || simulatorHost.isBlank()) {
            simulatorHost = "127.0.0.1";
        }
        if (simulatorPort <= 0) {
            simulatorPort = 8081;
        }
    }
}
