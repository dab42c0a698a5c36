package dev.engram.cloud;

import java.util.List;

/** A newly created token. {@code token} exists only here: the server keeps its hash. Print it once. */
public record IssuedToken(String name, String token, List<String> projects) {
    public IssuedToken {
        projects = List.copyOf(projects);
    }

    @Override
    public String toString() {
        return "IssuedToken[name=" + name + ", projects=" + projects + "]";
    }
}
