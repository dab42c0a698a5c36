package dev.engram.setup;

import dev.engram.base.InvalidInputException;
import java.nio.file.Path;

/** An agent's configuration file cannot be edited safely; it has been left untouched. Exit code 2. */
public final class MalformedConfigException extends InvalidInputException {
    MalformedConfigException(Path file, String problem) {
        super("file", file + ": " + problem + "; left untouched");
    }
}
