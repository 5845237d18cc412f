package dev.deskloop.workspace.security;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.web.ProblemResponses;
import dev.deskloop.workspace.Accounts;
import dev.deskloop.workspace.ApiTokens;
import dev.deskloop.workspace.Workspaces;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Two doors: {@code /api/**} takes personal API tokens only (stateless, no cookies, so no CSRF to guard), and
 * everything else is the dashboard with form sign-in, CSRF protection and a session cookie.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /** Paths anyone may reach without signing in; actuator exposes only health and prometheus. */
    static final String[] PUBLIC_PAGES = {
            "/login", "/setup/**", "/css/**", "/js/**", "/favicon.ico", "/error",
            "/actuator/**"
    };

    /**
     * Webhooks authenticate by their signature, checked on the raw bytes: no session, no CSRF, no user, no
     * authorization rules. The provider addresses ({@code /hooks/{connectionId}}, {@code /hooks/intercom}) are served by
     * {@code ingest.WebhookFilter} before this chain; it covers the rest of {@code /hooks/**} (the deploy webhook) with
     * only the request firewall and the response headers.
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/hooks/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .exceptionHandling(errors -> errors.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ApiTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                                    "Send a personal API token: Authorization: Bearer dlp_…");
                        })
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(request, response,
                                HttpStatus.FORBIDDEN, "Forbidden", "This token may not do that.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain dashboard(HttpSecurity http, Accounts accounts, Workspaces workspaces,
                                  PasswordEncoder encoder, LoginThrottle throttle, AuditLog audit) throws Exception {
        var signIn = new ProviderManager(new PasswordSignIn(accounts, workspaces, encoder, throttle, audit));
        http.authenticationManager(signIn)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        // Not always "/": a page asked for while signed out (such as an OAuth callback) opens
                        // after sign-in.
                        .defaultSuccessUrl("/")
                        .failureHandler((request, response, e) -> response.sendRedirect(
                                request.getContextPath() + (e instanceof LockedException ? "/login?locked" : "/login?error"))))
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out").deleteCookies("DESKLOOP_SESSION"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                                "The request was refused. If you submitted a form, reload the page and try again.")));
        return http.build();
    }
}
