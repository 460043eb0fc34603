//! HTML text for a large static part of a page (the calls table's rows), handed to the
//! browser's parser in one call instead of one call across the wasm boundary per node.
//!
//! Tag and attribute names are the console's own; every text (`&`, `<`, `>`) and attribute
//! value (those and `"`; values are always double-quoted) is escaped as it is written, with
//! the `html-escape` crate, so text from the API stays text.

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
            html_escape::encode_double_quoted_attribute_to_string(value, &mut self.out);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// Text content.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        html_escape::encode_text_to_string(text, &mut self.out);
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
