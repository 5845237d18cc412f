package dev.deskloop.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.platform.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The accounts people sign in with, stored in {@code app_user}. */
@Component
public class Accounts {

    private final JdbcClient jdbc;
    private final Clock clock;

    Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("select id, email, display_name, password_hash, created_at from app_user where email = :email")
                .param("email", EmailAddresses.normalise(email))
                .query(Accounts::account)
                .optional();
    }

    public Optional<Account> byId(UUID id) {
        return jdbc.sql("select id, email, display_name, password_hash, created_at from app_user where id = :id")
                .param("id", id)
                .query(Accounts::account)
                .optional();
    }

    /** The sign-in details of an account that has a password; for the password check only. */
    public Optional<SignedInUser> signInDetails(String email) {
        String normalised;
        try {
            normalised = EmailAddresses.normalise(email);
        } catch (InvalidInput notAnAddress) {
            return Optional.empty();
        }
        return jdbc.sql("select id, email, password_hash from app_user where email = :email and password_hash is not null")
                .param("email", normalised)
                .query((rs, row) -> new SignedInUser(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("password_hash")))
                .optional();
    }

    Account create(String email, String displayName) {
        UUID id = UUID.randomUUID();
        String normalised = EmailAddresses.normalise(email);
        String name = displayName == null || displayName.isBlank() ? normalised.substring(0, normalised.indexOf('@'))
                : displayName.strip();
        jdbc.sql("insert into app_user (id, email, display_name, created_at) values (:id, :email, :name, :at)")
                .param("id", id)
                .param("email", normalised)
                .param("name", name.length() > 200 ? name.substring(0, 200) : name)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return byId(id).orElseThrow();
    }

    void setPasswordHash(UUID id, String hash) {
        jdbc.sql("update app_user set password_hash = :hash where id = :id").param("hash", hash).param("id", id).update();
    }

    long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    boolean anyWithPassword() {
        return jdbc.sql("select count(*) from app_user where password_hash is not null").query(Long.class).single() > 0;
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash") != null,
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
