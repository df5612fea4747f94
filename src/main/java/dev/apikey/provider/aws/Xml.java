package dev.apikey.provider.aws;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An AWS Query API response read with the JDK's StAX into a small element tree. No DTDs, no external
 * entities: a hostile response can neither fetch anything nor blow up.
 */
final class Xml {
    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<Xml> children = new ArrayList<>();

    private Xml(String name) {
        this.name = name;
    }

    /** @throws XMLStreamException when the bytes are not well-formed XML */
    static Xml parse(byte[] bytes) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(bytes));
        List<Xml> open = new ArrayList<>();
        Xml root = null;
        try {
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamReader.START_ELEMENT -> {
                        Xml e = new Xml(r.getLocalName());
                        if (open.isEmpty()) {
                            root = e;
                        } else {
                            open.get(open.size() - 1).children.add(e);
                        }
                        open.add(e);
                    }
                    case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> {
                        if (!open.isEmpty()) {
                            open.get(open.size() - 1).text.append(r.getText());
                        }
                    }
                    case XMLStreamReader.END_ELEMENT -> open.remove(open.size() - 1);
                    default -> {
                    }
                }
            }
        } finally {
            r.close();
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }

    String name() {
        return name;
    }

    /** The element at a path of child names, e.g. {@code child("Error", "Code")}. */
    Optional<Xml> child(String... path) {
        Xml at = this;
        for (String step : path) {
            Xml next = null;
            for (Xml c : at.children) {
                if (c.name.equals(step)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            at = next;
        }
        return Optional.of(at);
    }

    /** The trimmed text at a path, or null when absent or empty. */
    String text(String... path) {
        return child(path).map(e -> e.text.toString().trim()).filter(s -> !s.isEmpty()).orElse(null);
    }

    List<Xml> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }
}
