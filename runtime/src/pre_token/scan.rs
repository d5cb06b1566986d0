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
        b'{' | b'[' => container_end(b, i),
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

/// The index just past the object or array that starts at `i`, sixteen bytes at a time: in
/// each block, masks of its quotes, backslashes, openings and closings (SSE2, which every
/// x86_64 processor has). A block without backslashes needs no byte-by-byte look: a byte is in
/// a string when an odd number of quotes precede it (counting from the container's start), and
/// the brackets outside strings change the depth. Backslashes only occur in strings; a block
/// with one is left to the byte-by-byte walk, which skips the string holding it whole.
#[cfg(target_arch = "x86_64")]
fn container_end(b: &[u8], start: usize) -> Option<usize> {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let splat = |c: u8| set_splat_i8_m128i(c as i8);
    let (quote, backslash, open, close, case) = (
        splat(b'"'),
        splat(b'\\'),
        splat(b'{'),
        splat(b'}'),
        splat(0x20),
    );
    let (mut depth, mut i) = (0usize, start);
    // All ones when the block at `i` starts inside a string.
    let mut in_string = 0u32;
    loop {
        let Some(block) = b.get(i..i + 16).and_then(|s| <&[u8; 16]>::try_from(s).ok()) else {
            if in_string != 0 {
                i = string_end(b, i)?.0 + 1;
            }
            return container_end_bytes(b, i, depth);
        };
        let v = load_unaligned_m128i(block);
        let mask = |m| move_mask_i8_m128i(cmp_eq_mask_i8_m128i(v, m)) as u32;
        let backslashes = mask(backslash);
        if backslashes != 0 {
            let last = i + (31 - backslashes.leading_zeros()) as usize;
            if in_string != 0 {
                i = string_end(b, i)?.0 + 1;
                in_string = 0;
            }
            // Byte by byte past the block's last backslash.
            match walk(b, i, &mut depth, last)? {
                Step::Next(next) => i = next,
                Step::End(end) => return Some(end),
            }
            continue;
        }
        // `{` and `[` differ only in bit 0x20, as do `}` and `]`.
        let lower = bitor_m128i(v, case);
        let opens = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(lower, open)) as u32;
        let closes = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(lower, close)) as u32;
        // Bit k: byte k is in a string.
        let mut inside = mask(quote);
        inside ^= inside << 1;
        inside ^= inside << 2;
        inside ^= inside << 4;
        inside ^= inside << 8;
        inside = (inside ^ in_string) & 0xffff;
        let mut brackets = (opens | closes) & !inside;
        while brackets != 0 {
            let k = brackets.trailing_zeros();
            if opens & (1 << k) != 0 {
                depth += 1;
            } else {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + k as usize + 1);
                }
            }
            brackets &= brackets - 1;
        }
        in_string = 0u32.wrapping_sub(inside >> 15);
        i += 16;
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn container_end(b: &[u8], start: usize) -> Option<usize> {
    container_end_bytes(b, start, 0)
}

/// `container_end` byte by byte, from `i` (outside strings) at `depth`.
fn container_end_bytes(b: &[u8], i: usize, mut depth: usize) -> Option<usize> {
    match walk(b, i, &mut depth, usize::MAX)? {
        Step::End(end) => Some(end),
        // The text ended first (`walk` returns `None` then); not reached.
        Step::Next(_) => None,
    }
}

/// Byte by byte from `i` (outside strings) at `depth`, until the container ends or the walk is
/// past `last`.
fn walk(b: &[u8], mut i: usize, depth: &mut usize, last: usize) -> Option<Step> {
    while i <= last {
        match step(b, i, depth)? {
            Step::Next(next) => i = next,
            end @ Step::End(_) => return Some(end),
        }
    }
    Some(Step::Next(i))
}

enum Step {
    /// Where the next byte outside strings is.
    Next(usize),
    /// Just past the bracket that closed the container.
    End(usize),
}

/// One byte outside strings of a container (a whole string when it opens one).
fn step(b: &[u8], i: usize, depth: &mut usize) -> Option<Step> {
    match *b.get(i)? {
        b'"' => return Some(Step::Next(string_end(b, i + 1)?.0 + 1)),
        b'{' | b'[' => *depth += 1,
        b'}' | b']' => {
            *depth = depth.checked_sub(1)?;
            if *depth == 0 {
                return Some(Step::End(i + 1));
            }
        }
        _ => {}
    }
    Some(Step::Next(i + 1))
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

    fn container() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        // Strings long enough to cross 16-byte blocks, with quotes, backslashes (escaped as
        // `\\`, `\"` and `\uXXXX` by serde_json) and brackets in them.
        let text = "[a\"\\\\{}\\[\\]:,é\u{1}]{0,40}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<i32>().prop_map(Value::from),
            text.prop_map(Value::from),
        ];
        let value = leaf.prop_recursive(5, 48, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                prop::collection::btree_map(text, inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        });
        prop::collection::vec(value, 0..5).prop_map(serde_json::Value::from)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// The block-at-a-time walk ends each container where the byte-by-byte one and
        /// `serde_json` do, wherever it starts relative to the blocks.
        #[test]
        fn container_end_agrees_with_the_byte_walk(
            value in container(),
            pad in 0usize..16,
            pretty in proptest::prelude::any::<bool>(),
        ) {
            let json = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let text = format!("{}{json},\"z\":[\"]\"]}}", " ".repeat(pad));
            let b = text.as_bytes();
            let end = pad + json.len();
            proptest::prop_assert_eq!(container_end(b, pad), Some(end), "{}", text);
            proptest::prop_assert_eq!(container_end_bytes(b, pad, 0), Some(end), "{}", text);
        }
    }
}
