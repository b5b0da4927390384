package io.leadstream.insights.charts;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A picture read back as XML (which fails the test unless it is well-formed SVG): its texts by what they are (their
 * {@code class}), its bars by the group that holds them.
 */
public final class ParsedSvg {

    public static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final Document document;

    private ParsedSvg(Document document) {
        this.document = document;
    }

    public static ParsedSvg parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document document = builder.parse(new InputSource(new StringReader(svg)));
            Element root = document.getDocumentElement();
            if (!"svg".equals(root.getLocalName()) || !SVG_NAMESPACE.equals(root.getNamespaceURI())) {
                throw new AssertionError("the root is not an SVG element: " + root.getTagName());
            }
            return new ParsedSvg(document);
        } catch (SAXException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Element root() {
        return document.getDocumentElement();
    }

    /** The accessible name, the root's {@code <title>}. */
    public String title() {
        return document.getElementsByTagNameNS(SVG_NAMESPACE, "title").item(0).getTextContent();
    }

    /** The text of every {@code <text>} of this class, in document order. */
    public List<String> texts(String cssClass) {
        return elements("text", cssClass).stream().map(Element::getTextContent).toList();
    }

    /** Every {@code <text>} of this class. */
    public List<Element> textElements(String cssClass) {
        return elements("text", cssClass);
    }

    /** The rectangles in each {@code <g>} of this class, one list per group, in document order. */
    public List<List<Element>> groups(String cssClass) {
        List<List<Element>> groups = new ArrayList<>();
        for (Element g : elements("g", cssClass)) {
            NodeList rects = g.getElementsByTagNameNS(SVG_NAMESPACE, "rect");
            List<Element> list = new ArrayList<>();
            for (int i = 0; i < rects.getLength(); i++) {
                list.add((Element) rects.item(i));
            }
            groups.add(list);
        }
        return groups;
    }

    /** The fill of each {@code <g>} of this class. */
    public List<String> groupFills(String cssClass) {
        return elements("g", cssClass).stream().map(g -> g.getAttribute("fill")).toList();
    }

    /** Every element with this name, anywhere. */
    public List<Element> all(String name) {
        NodeList nodes = document.getElementsByTagNameNS(SVG_NAMESPACE, name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    public static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    private List<Element> elements(String name, String cssClass) {
        return all(name).stream().filter(e -> cssClass.equals(e.getAttribute("class"))).toList();
    }
}
