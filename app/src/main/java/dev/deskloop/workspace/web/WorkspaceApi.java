package dev.deskloop.workspace.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.deskloop.workspace.ApiToken;
import dev.deskloop.workspace.ApiTokens;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.Member;
import dev.deskloop.workspace.Memberships;
import dev.deskloop.workspace.MyWorkspace;
import dev.deskloop.workspace.Role;
import dev.deskloop.workspace.Workspace;
import dev.deskloop.workspace.Workspaces;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's workspace, its members and the caller's API tokens. A token acts inside the workspace it was
 * created in; ids of other workspaces' things answer 404.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class WorkspaceApi {

    private final Memberships memberships;
    private final Workspaces workspaces;
    private final ApiTokens tokens;

    WorkspaceApi(Memberships memberships, Workspaces workspaces, ApiTokens tokens) {
        this.memberships = memberships;
        this.workspaces = workspaces;
        this.tokens = tokens;
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal Caller caller) {
        Workspace workspace = memberships.workspace(caller);
        return new Me(caller.userId(), caller.email(), new WorkspaceView(workspace.id(), workspace.name(),
                caller.role().wireName(), workspace.createdAt()));
    }

    @GetMapping("/workspaces")
    List<WorkspaceView> workspaces(@AuthenticationPrincipal Caller caller) {
        return workspaces.of(caller.userId()).stream().map(WorkspaceApi::view).toList();
    }

    @PostMapping(path = "/workspaces", consumes = "application/json")
    ResponseEntity<WorkspaceView> createWorkspace(@AuthenticationPrincipal Caller caller,
                                                  @Valid @RequestBody NewWorkspace body) {
        Workspace created = memberships.createWorkspace(caller, body.name());
        return ResponseEntity.created(URI.create("/api/v1/workspaces/" + created.id()))
                .body(new WorkspaceView(created.id(), created.name(), Role.OWNER.wireName(), created.createdAt()));
    }

    @GetMapping("/members")
    List<MemberView> members(@AuthenticationPrincipal Caller caller) {
        return memberships.members(caller).stream().map(WorkspaceApi::view).toList();
    }

    @GetMapping("/members/{userId}")
    MemberView member(@AuthenticationPrincipal Caller caller, @PathVariable UUID userId) {
        return view(memberships.member(caller, userId));
    }

    @PostMapping(path = "/members", consumes = "application/json")
    ResponseEntity<AddedMemberView> addMember(@AuthenticationPrincipal Caller caller,
                                              @Valid @RequestBody NewMember body) {
        var added = memberships.add(caller, body.email(), Role.fromWireName(body.role()));
        return ResponseEntity.created(URI.create("/api/v1/members/" + added.member().userId()))
                .body(new AddedMemberView(view(added.member()), added.invitationLink().orElse(null)));
    }

    @PatchMapping(path = "/members/{userId}", consumes = "application/json")
    MemberView changeRole(@AuthenticationPrincipal Caller caller, @PathVariable UUID userId,
                          @Valid @RequestBody RoleChange body) {
        return view(memberships.changeRole(caller, userId, Role.fromWireName(body.role())));
    }

    @DeleteMapping("/members/{userId}")
    ResponseEntity<Void> removeMember(@AuthenticationPrincipal Caller caller, @PathVariable UUID userId) {
        memberships.remove(caller, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/tokens")
    List<TokenView> tokens(@AuthenticationPrincipal Caller caller) {
        return tokens.list(caller).stream().map(WorkspaceApi::view).toList();
    }

    @PostMapping(path = "/tokens", consumes = "application/json")
    ResponseEntity<NewTokenView> createToken(@AuthenticationPrincipal Caller caller,
                                             @Valid @RequestBody NewToken body) {
        var issued = tokens.create(caller, body.name());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .body(new NewTokenView(view(issued.token()), issued.secret()));
    }

    @DeleteMapping("/tokens/{tokenId}")
    ResponseEntity<Void> revokeToken(@AuthenticationPrincipal Caller caller, @PathVariable UUID tokenId) {
        tokens.revoke(caller, tokenId);
        return ResponseEntity.noContent().build();
    }

    private static WorkspaceView view(MyWorkspace mine) {
        return new WorkspaceView(mine.workspace().id(), mine.workspace().name(), mine.role().wireName(),
                mine.workspace().createdAt());
    }

    private static MemberView view(Member member) {
        return new MemberView(member.userId(), member.email(), member.displayName(), member.role().wireName(),
                member.since());
    }

    private static TokenView view(ApiToken token) {
        return new TokenView(token.id(), token.name(), token.prefix(), token.ownerEmail(), token.createdAt(),
                token.lastUsedAt(), token.revokedAt());
    }

    record NewWorkspace(@NotBlank @Size(max = 100) String name) {
    }

    record NewMember(@NotBlank @Size(max = 320) String email, @NotBlank String role) {
    }

    record RoleChange(@NotBlank String role) {
    }

    record NewToken(@NotBlank @Size(max = 100) String name) {
    }

    record Me(UUID userId, String email, WorkspaceView workspace) {
    }

    record WorkspaceView(UUID id, String name, String role, Instant createdAt) {
    }

    record MemberView(UUID userId, String email, String displayName, String role, Instant since) {
    }

    record AddedMemberView(MemberView member, String invitationLink) {
    }

    record TokenView(UUID id, String name, String prefix, String owner, Instant createdAt, Instant lastUsedAt,
                     Instant revokedAt) {
    }

    record NewTokenView(TokenView token, String secret) {
    }
}
