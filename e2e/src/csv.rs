//! The console's CSV export as the tests read it.

/// Fields of a CSV document (quotes and doubled quotes, CRLF lines), BOM removed.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::parse_csv;

    #[test]
    fn quotes_commas_and_line_breaks() {
        let text = "\u{feff}id,text\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,\r\n";
        assert_eq!(
            parse_csv(text),
            [
                vec!["id", "text"],
                vec!["1", "a, \"b\"\r\nc"],
                vec!["2", ""]
            ]
        );
    }
}
