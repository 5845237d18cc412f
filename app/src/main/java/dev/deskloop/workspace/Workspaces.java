package dev.deskloop.workspace;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Workspaces and memberships as stored; rules about who may change them live in {@link Memberships}. */
@Component
public class Workspaces {

    private final JdbcClient jdbc;
    private final Clock clock;

    Workspaces(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Workspace create(String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into workspace (id, name, created_at) values (:id, :name, :at)")
                .param("id", id)
                .param("name", name)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return byId(id).orElseThrow();
    }

    public Optional<Workspace> byId(UUID id) {
        return jdbc.sql("select id, name, created_at from workspace where id = :id")
                .param("id", id)
                .query((rs, row) -> new Workspace(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** The workspaces a user belongs to, oldest first. */
    public List<MyWorkspace> of(UUID userId) {
        return jdbc.sql("""
                        select w.id, w.name, w.created_at, m.role from workspace w
                        join membership m on m.workspace_id = w.id
                        where m.user_id = :user order by w.created_at, w.name""")
                .param("user", userId)
                .query((rs, row) -> new MyWorkspace(
                        new Workspace(rs.getObject("id", UUID.class), rs.getString("name"),
                                rs.getObject("created_at", OffsetDateTime.class).toInstant()),
                        Role.fromWireName(rs.getString("role"))))
                .list();
    }

    public Optional<Role> roleOf(UUID workspaceId, UUID userId) {
        return jdbc.sql("select role from membership where workspace_id = :workspace and user_id = :user")
                .param("workspace", workspaceId)
                .param("user", userId)
                .query(String.class)
                .optional()
                .map(Role::fromWireName);
    }

    public List<Member> members(UUID workspaceId) {
        return jdbc.sql(MEMBER_SELECT + " where m.workspace_id = :workspace order by u.email")
                .param("workspace", workspaceId)
                .query(Workspaces::member)
                .list();
    }

    public Optional<Member> member(UUID workspaceId, UUID userId) {
        return jdbc.sql(MEMBER_SELECT + " where m.workspace_id = :workspace and m.user_id = :user")
                .param("workspace", workspaceId)
                .param("user", userId)
                .query(Workspaces::member)
                .optional();
    }

    private static final String MEMBER_SELECT = """
            select u.id, u.email, u.display_name, m.role, m.created_at from membership m
            join app_user u on u.id = m.user_id""";

    private static Member member(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Member(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                Role.fromWireName(rs.getString("role")), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    void addMember(UUID workspaceId, UUID userId, Role role) {
        jdbc.sql("insert into membership (workspace_id, user_id, role, created_at) values (:w, :u, :role, :at)")
                .param("w", workspaceId)
                .param("u", userId)
                .param("role", role.wireName())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    void changeRole(UUID workspaceId, UUID userId, Role role) {
        jdbc.sql("update membership set role = :role where workspace_id = :w and user_id = :u")
                .param("role", role.wireName())
                .param("w", workspaceId)
                .param("u", userId)
                .update();
    }

    void removeMember(UUID workspaceId, UUID userId) {
        jdbc.sql("delete from membership where workspace_id = :w and user_id = :u")
                .param("w", workspaceId)
                .param("u", userId)
                .update();
    }

    /** Counts the owners while locking their rows, so two concurrent demotions cannot remove the last owner. */
    int lockOwners(UUID workspaceId) {
        return jdbc.sql("select user_id from membership where workspace_id = :w and role = 'owner' for update")
                .param("w", workspaceId)
                .query(UUID.class)
                .list()
                .size();
    }
}
