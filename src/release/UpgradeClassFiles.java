import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step (JDK 24+, run as a source file): rewrites class files older than Java 6 (major 50) in a
 * jar as Java 8 class files with stack maps, byte for byte the same code otherwise. The JDK's AOT
 * cache and CDS archives skip such old classes (picocli ships Java 5 class files), so every start
 * loads and verifies them from the jar again; upgraded, they are cached like the rest.
 *
 * <p>Usage: {@code java UpgradeClassFiles.java JAR PACKAGE_DIR...} (for example {@code picocli}).
 */
public final class UpgradeClassFiles {
    private static final int TARGET_MAJOR = 52;

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: UpgradeClassFiles JAR PACKAGE_DIR...");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        int upgraded = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            ClassFile classFile = ClassFile.of(
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ConstantPoolSharingOption.NEW_POOL,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            ClassTransform newVersion = (builder, element) -> {
                if (element instanceof ClassFileVersion) {
                    builder.withVersion(TARGET_MAJOR, 0);
                } else {
                    builder.with(element);
                }
            };
            // Rebuilding every method body makes the library emit the stack maps the new version needs.
            ClassTransform transform = newVersion.andThen(ClassTransform.transformingMethodBodies((code, element) -> code.with(element)));
            for (int i = 1; i < args.length; i++) {
                Path dir = zip.getPath("/" + args[i]);
                if (!Files.isDirectory(dir)) {
                    throw new IOException(args[i] + " is not a directory in " + jar);
                }
                List<Path> files;
                try (Stream<Path> walk = Files.walk(dir)) {
                    files = walk.filter(p -> p.toString().endsWith(".class")).toList();
                }
                for (Path file : files) {
                    ClassModel model = classFile.parse(Files.readAllBytes(file));
                    if (model.majorVersion() >= 50) {
                        continue;
                    }
                    byte[] rewritten = classFile.transformClass(model, transform);
                    classFile.verify(rewritten).stream().findFirst().ifPresent(error -> {
                        throw new IllegalStateException(file + " does not verify after the upgrade: " + error.getMessage());
                    });
                    Files.write(file, rewritten);
                    upgraded++;
                }
            }
        }
        System.err.println("UpgradeClassFiles: " + upgraded + " class files in " + jar.getFileName() + " now have version " + TARGET_MAJOR);
    }
}
