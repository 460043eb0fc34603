//! HTML text for a large static part of a page (the calls table's rows), handed to the
//! browser's parser in one call instead of one call across the wasm boundary per node.
//!
//! Tag and attribute names are the console's own; every text and attribute value is escaped
//! as it is written, so text from the API stays text.

/// HTML being written.
#[derive(Default)]
pub struct Markup {
    out: String,
}

impl Markup {
    pub fn with_capacity(bytes: usize) -> Markup {
        Markup {
            out: String::with_capacity(bytes),
        }
    }

    /// `<tag name="value" ...>`.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Markup {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// Text content.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        escape_into(&mut self.out, text);
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// `<tag ...>text</tag>`.
    pub fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: &str) -> &mut Markup {
        self.open(tag, attributes).text(text).close(tag)
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes the five characters that could end a text or a quoted attribute value; the
/// text between them is copied in runs.
pub fn escape_into(out: &mut String, text: &str) {
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // ASCII bytes never fall inside a multi-byte character: `at` is a boundary.
        out.push_str(&text[plain..at]);
        out.push_str(entity);
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
}
