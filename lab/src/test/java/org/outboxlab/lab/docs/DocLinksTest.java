package org.outboxlab.lab.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link and image in README.md and docs/**.md points at a file of the repository, and
 * every {@code #anchor} at a heading (or an {@code id}) of its target, as GitHub makes them. Links
 * with a scheme (https:, mailto:) and anything inside code are not checked.
 */
class DocLinksTest {

    /** {@code [text](target)} and {@code ![alt](target "title")}. */
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?");

    /** {@code [label]: target} */
    private static final Pattern REFERENCE =
            Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(\\s.*)?$");

    /** {@code <img src="...">}, {@code <a href="...">} */
    private static final Pattern HTML =
            Pattern.compile("<(?:img|a|source)\\b[^>]*?\\s(?:src|href|srcset)=\"([^\"]+)\"");

    private static final Pattern HTML_ID =
            Pattern.compile("<[a-z]+\\b[^>]*?\\s(?:id|name)=\"([^\"]+)\"");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    @Test
    void everyRelativeLinkAndImageResolves() throws IOException {
        Path root = Repository.root();
        List<Path> documents = new ArrayList<>();
        documents.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            for (Link link : links(document)) {
                if (SCHEME.matcher(link.target).find()) {
                    continue;
                }
                checked++;
                String problem = problem(root, document, link.target, anchors);
                if (problem != null) {
                    broken.add(
                            root.relativize(document)
                                    + ":"
                                    + link.line
                                    + ": "
                                    + link.target
                                    + " — "
                                    + problem);
                }
            }
        }
        assertTrue(checked > 0, "no relative link found in README.md and docs/");
        assertTrue(
                broken.isEmpty(),
                broken.size() + " broken link(s) in the docs:\n  " + String.join("\n  ", broken));
    }

    private static String problem(
            Path root, Path document, String target, Map<Path, Set<String>> anchors)
            throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved =
                file.isEmpty()
                        ? document
                        : file.startsWith("/")
                                ? root.resolve(decode(file.substring(1))).normalize()
                                : document.getParent().resolve(decode(file)).normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file " + root.relativize(resolved);
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
            Set<String> known = anchors.get(resolved);
            if (known == null) {
                known = anchorsOf(resolved);
                anchors.put(resolved, known);
            }
            if (!known.contains(decode(anchor).toLowerCase(Locale.ROOT))) {
                return "no heading #" + anchor + " in " + root.relativize(resolved);
            }
        }
        return null;
    }

    record Link(int line, String target) {}

    /** The links of a Markdown file, outside fenced code blocks and inline code. */
    static List<Link> links(Path document) throws IOException {
        List<Link> links = new ArrayList<>();
        int number = 0;
        boolean fenced = false;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            number++;
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "");
            for (Pattern pattern : List.of(INLINE, HTML)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    links.add(new Link(number, m.group(1)));
                }
            }
            Matcher reference = REFERENCE.matcher(text);
            if (reference.matches()) {
                links.add(new Link(number, reference.group(1)));
            }
        }
        return links;
    }

    /** The anchors GitHub gives a Markdown file's headings, plus its explicit ids. */
    static Set<String> anchorsOf(Path document) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher id = HTML_ID.matcher(line);
            while (id.find()) {
                anchors.add(id.group(1).toLowerCase(Locale.ROOT));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /**
     * GitHub's heading anchor: the heading's text, lower case, punctuation dropped, spaces to -.
     */
    static String slug(String heading) {
        String text =
                heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1") // a link: its text
                        .replaceAll("<[^>]+>", "") // inline HTML
                        .replace("*", "");
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    private static String decode(String path) {
        return java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
