//! Finds the top-level members of a JSON object in its text. The text has been checked by
//! `serde_json` already (it arrives as a `RawValue`), so the scanner only needs to find where
//! each member's key and value are; it never decides whether the text is valid JSON. On text
//! that is not valid JSON it returns `None` rather than a wrong answer or a panic.

use std::ops::Range;

/// One member: the key's text between its quotes (escapes not decoded) and the value's text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) key: Range<usize>,
    /// Whether the key's text has escapes (`\\`).
    pub(crate) key_escaped: bool,
    pub(crate) value: Range<usize>,
}

/// The members of the object that starts at the first byte of `text`, in order.
pub(crate) fn members(text: &str) -> Option<Vec<Span>> {
    let b = text.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut members = Vec::with_capacity(8);
    let mut i = whitespace(b, 1);
    if b.get(i) == Some(&b'}') {
        return Some(members);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (key_end, key_escaped) = string_end(b, i + 1)?;
        let key = i + 1..key_end;
        i = whitespace(b, key_end + 1);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let start = whitespace(b, i + 1);
        let end = value_end(b, start)?;
        members.push(Span {
            key,
            key_escaped,
            value: start..end,
        });
        i = whitespace(b, end);
        match b.get(i)? {
            b',' => i = whitespace(b, i + 1),
            b'}' => return Some(members),
            _ => return None,
        }
    }
}

fn whitespace(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The index of the quote that closes the string whose text starts at `i`, and whether the
/// string has escapes.
fn string_end(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    loop {
        i = quote_or_backslash(b, i)?;
        if *b.get(i)? == b'"' {
            return Some((i, escaped));
        }
        // A backslash escapes the next byte (for `\uXXXX`, the hex digits are neither).
        escaped = true;
        i += 2;
    }
}

/// The index of the first `"` or `\\` in `b` from `i` on, eight bytes at a time.
fn quote_or_backslash(b: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The high bit of the first zero byte of `x` is set (bytes after it may be set too, by the
    // borrow: only the lowest is used).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & (ONES << 7);
    while let Some(chunk) = b.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let found = zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let rest = b.get(i..)?;
    rest.iter()
        .position(|&c| c == b'"' || c == b'\\')
        .map(|k| i + k)
}

/// The index just past the value that starts at `i`.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => Some(string_end(b, i + 1)?.0 + 1),
        b'{' | b'[' => {
            let (mut depth, mut i) = (0usize, i);
            loop {
                match *b.get(i)? {
                    b'"' => i = string_end(b, i + 1)?.0,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        // A number, `true`, `false` or `null`.
        _ => {
            let mut end = i;
            while !matches!(
                b.get(end),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                end += 1;
            }
            (end > i).then_some(end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, &str)> {
        members(text)
            .unwrap()
            .into_iter()
            .map(|s| (&text[s.key], &text[s.value]))
            .collect()
    }

    #[test]
    fn finds_each_member_around_strings_that_look_like_structure() {
        assert_eq!(
            texts(r#"{ "a" : 1 , "b\"}" :{"x":["}",{"y":"\\"}]} ,"c":"]\u0022{","d":[],"e":null}"#),
            [
                ("a", "1"),
                ("b\\\"}", r#"{"x":["}",{"y":"\\"}]}"#),
                ("c", r#""]\u0022{""#),
                ("d", "[]"),
                ("e", "null"),
            ]
        );
        assert_eq!(texts("{}"), []);
        assert_eq!(texts("{\n\t\"k\"\r:\n-1.5e3\n}"), [("k", "-1.5e3")]);
    }

    #[test]
    fn text_that_is_not_an_object_has_no_members() {
        for text in [
            "[1]",
            "\"{}\"",
            "{\"a\":1",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1]",
            "{\"a\":[}",
        ] {
            assert_eq!(members(text), None, "{text}");
        }
    }

    #[test]
    fn agrees_with_serde_json_on_generated_objects() {
        // Objects built from nested values with every kind of string escape and spacing.
        let leaves = [
            "0",
            "-12.5e-3",
            "true",
            "null",
            r#""""#,
            r#""plain""#,
            r#""\"quoted\"""#,
            r#""\\""#,
            r#""\\\"""#,
            r#""}]{[""#,
            r#""\u00e9\n""#,
            "\"é ✓\"",
        ];
        let mut values: Vec<String> = leaves.iter().map(|s| s.to_string()).collect();
        for (i, leaf) in leaves.iter().enumerate() {
            values.push(format!("[{leaf},{{\"k{i}\":{leaf}}}]"));
            values.push(format!("{{ \"n\" : [ {leaf} , [] , {{}} ] }}"));
        }
        for (i, value) in values.iter().enumerate() {
            let other = &values[(i * 7 + 3) % values.len()];
            let text = format!("{{\"v{i}\":{value},\n \"k\\\"{i}\" : {other} ,\"last\":{value}}}");
            let expected: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&text).unwrap();
            let found: serde_json::Map<String, serde_json::Value> = texts(&text)
                .into_iter()
                .map(|(key, value)| {
                    let key = serde_json::from_str(&format!("\"{key}\"")).unwrap();
                    (key, serde_json::from_str(value).unwrap())
                })
                .collect();
            assert_eq!(found, expected, "{text}");
        }
    }
}
