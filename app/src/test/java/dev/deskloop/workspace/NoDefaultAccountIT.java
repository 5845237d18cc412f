package dev.deskloop.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;

import dev.deskloop.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/** There is never a built-in account or default password: the owner must use the one-time setup link. */
class NoDefaultAccountIT extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void noInMemoryUserIsConfigured() {
        assertThat(context.getBeansOfType(UserDetailsService.class)).isEmpty();
    }

    @Test
    void theOwnerCannotSignInBeforeChoosingAPassword() throws Exception {
        for (String guess : new String[] {"", "password", "admin", "owner", "deskloop"}) {
            mvc.perform(formLogin("/login").user("owner@localhost").password(guess)).andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user("user").password("password")).andExpect(unauthenticated());
    }
}
