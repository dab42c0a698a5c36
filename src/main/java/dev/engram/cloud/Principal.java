package dev.engram.cloud;

import java.util.Set;

/** The caller behind a valid token: the token's name (for audit, never the token) and its granted projects. */
record Principal(String tokenName, Set<String> projects) {
    Principal {
        projects = Set.copyOf(projects);
    }

    boolean granted(String project) {
        return projects.contains(project);
    }
}
