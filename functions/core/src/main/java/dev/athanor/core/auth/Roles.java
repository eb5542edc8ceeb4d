package dev.athanor.core.auth;

import java.util.Set;

public final class Roles {

    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String VIEWER = "viewer";
    public static final Set<String> ALL = Set.of(ADMIN, MEMBER, VIEWER);

    private Roles() {
    }
}
